using AiGuard.Api.ModelDeployments;
using AiGuard.Engine;
using AiGuard.Engine.Controls;
using AiGuard.Operator.Reports;
using AiGuard.Operator.Tests.Controllers.Support;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>The pure parts of the reports: the result cap and the mapping of a verdict to results.</summary>
public sealed class ReportContentTests
{
    [Fact]
    public void Cap_keeps_failures_first_in_the_given_order_and_counts_everything()
    {
        var results = Enumerable.Range(0, 10)
            .Select(i => new ReportResult { Policy = "aiguard", Rule = $"r{i}", Result = i is 3 or 8 ? ReportResult.Fail : ReportResult.Pass })
            .ToList();

        var content = ReportContent.Of("ns", "aiguard", results, maxResults: 4);

        Assert.Equal(["r0", "r1", "r3", "r8"], content.Results.Select(r => r.Rule));
        Assert.Equal(6, content.Omitted);
        Assert.Equal(8, content.Summary.Pass);
        Assert.Equal(2, content.Summary.Fail);
    }

    [Fact]
    public void Invalid_spec_is_one_error_result_and_unevaluated_controls_are_skipped()
    {
        var model = TestModels.Compliant("ns", "m");
        var invalid = new Assessment { SpecErrors = [new SpecError("spec.serving.image", "is required")] };
        var error = Assert.Single(ModelReportResults.For(model, invalid, DateTimeOffset.UnixEpoch));
        Assert.Equal(ReportResult.Error, error.Result);
        Assert.Equal(ModelReportResults.SpecRule, error.Rule);
        Assert.Contains("spec.serving.image: is required", error.Message, StringComparison.Ordinal);

        var nothingEvaluated = ModelReportResults.For(model, new Assessment(), DateTimeOffset.UnixEpoch);
        Assert.Equal(ControlCatalog.All.Select(c => c.Id), nothingEvaluated.Select(r => r.Rule));
        Assert.All(nothingEvaluated, r => Assert.Equal(ReportResult.Skip, r.Result));
    }

    [Fact]
    public void Long_finding_messages_are_clipped()
    {
        var model = TestModels.Compliant("ns", "m");
        var assessment = new Assessment
        {
            Results = [new ControlResult("AIG-IMG-01", ConditionTypes.ImagePatched, "high", Passed: false)],
            Findings = [new Finding { Control = "AIG-IMG-01", Severity = "high", Message = new string('x', 5000) }],
        };
        var fail = ModelReportResults.For(model, assessment, DateTimeOffset.UnixEpoch).Single(r => r.Rule == "AIG-IMG-01");
        Assert.Equal(ReportResult.Fail, fail.Result);
        Assert.Equal(1024, fail.Message!.Length);
    }
}
