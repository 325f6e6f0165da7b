using AiGuard.Engine;
using AiGuard.Operator.Reports;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>The ledger tells the reports about a model only when its verdict really changed.</summary>
public sealed class VerdictLedgerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_unchanged_verdict_at_a_later_time_changes_nothing_and_keeps_its_first_timestamp()
    {
        var ledger = new VerdictLedger();
        var changed = new List<string>();
        ledger.Changed += changed.Add;
        var model = TestModels.Compliant("ml-prod", "scorer");

        ledger.Publish(model, new Assessment(), Start);
        ledger.Publish(model, new Assessment(), Start.AddHours(1));

        Assert.Equal(["ml-prod"], changed);
        Assert.All(ledger.ResultsOf(model)!, r => Assert.Equal(Start.ToUnixTimeSeconds(), r.Timestamp!.Seconds));
    }

    [Fact]
    public void Models_with_the_same_outcome_share_result_records_yet_each_reads_back_its_own_reference_and_time()
    {
        var ledger = new VerdictLedger();
        var scorer = TestModels.Compliant("ml-prod", "scorer");
        var ranker = TestModels.Compliant("ml-prod", "ranker");
        ranker.Metadata.Uid = "ranker-uid";

        ledger.Publish(scorer, new Assessment(), Start);
        ledger.Publish(ranker, new Assessment(), Start.AddMinutes(5));
        var scorerResults = ledger.ResultsOf(scorer)!;
        var rankerResults = ledger.ResultsOf(ranker)!;

        Assert.Equal(scorerResults.Select(r => r.Rule), rankerResults.Select(r => r.Rule));
        Assert.All(scorerResults, r => Assert.Equal("scorer", Assert.Single(r.Resources!).Name));
        Assert.All(rankerResults, r => Assert.Equal("ranker", Assert.Single(r.Resources!).Name));
        Assert.All(rankerResults, r => Assert.Equal(Start.AddMinutes(5).ToUnixTimeSeconds(), r.Timestamp!.Seconds));
        Assert.Equal(
            ModelReportResults.For(ranker, new Assessment(), Start.AddMinutes(5)).Select(r => KubernetesJson.Serialize(r)),
            rankerResults.Select(r => KubernetesJson.Serialize(r)));
    }

    [Fact]
    public void A_changed_verdict_or_a_new_object_of_the_same_name_is_a_change()
    {
        var ledger = new VerdictLedger();
        var changed = new List<string>();
        ledger.Changed += changed.Add;
        var model = TestModels.Compliant("ml-prod", "scorer");
        var invalid = new Assessment { SpecErrors = [new SpecError("spec.serving.image", "is required")] };

        ledger.Publish(model, new Assessment(), Start);
        ledger.Publish(model, invalid, Start.AddMinutes(1));
        Assert.Equal(ReportResult.Error, Assert.Single(ledger.ResultsOf(model)!).Result);

        var recreated = TestModels.Compliant("ml-prod", "scorer");
        recreated.Metadata.Uid = "another-uid";
        Assert.Null(ledger.ResultsOf(recreated));
        ledger.Publish(recreated, invalid, Start.AddMinutes(2));

        Assert.Equal(["ml-prod", "ml-prod", "ml-prod"], changed);
        Assert.Equal(Start.AddMinutes(2).ToUnixTimeSeconds(), Assert.Single(ledger.ResultsOf(recreated)!).Timestamp!.Seconds);
    }
}
