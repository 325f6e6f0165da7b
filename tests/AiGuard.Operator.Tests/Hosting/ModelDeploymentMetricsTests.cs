using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Hosting;
using AiGuard.Operator.Tests.Controllers.Support;

namespace AiGuard.Operator.Tests.Hosting;

public sealed class ModelDeploymentMetricsTests
{
    private static ModelDeployment InPhase(string name, string? phase, params Finding[] findings)
    {
        var model = TestModels.Compliant("ml-prod", name);
        model.Status = phase is null ? null : new ModelDeploymentStatus { Phase = phase, Findings = [.. findings] };
        return model;
    }

    private static string Phase(string name, string phase) =>
        $"aiguard_modeldeployment_phase{{namespace=\"ml-prod\",name=\"{name}\",phase=\"{phase}\"}}";

    private static async Task<string[]> ScrapeAsync(ModelDeploymentMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.WriteAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
    }

    private static int SeriesCount(string[] lines, string family) => lines.Count(line => line.StartsWith(family + "{", StringComparison.Ordinal));

    [Fact]
    public async Task Each_model_has_one_phase_series_that_follows_its_phase_and_goes_with_it()
    {
        var models = new List<ModelDeployment> { InPhase("scorer", Phases.Compliant), InPhase("ranker", Phases.Blocked), InPhase("fresh", null) };
        var metrics = new ModelDeploymentMetrics(() => models, () => true);

        var lines = await ScrapeAsync(metrics);
        Assert.Contains(Phase("scorer", Phases.Compliant) + " 1", lines);
        Assert.Contains(Phase("ranker", Phases.Blocked) + " 1", lines);
        Assert.Equal(2, SeriesCount(lines, ModelDeploymentMetrics.PhaseFamily)); // no zero-valued series for the other phases, none for an unreconciled model
        Assert.Contains("# TYPE aiguard_modeldeployment_phase gauge", lines);

        models[0] = InPhase("scorer", Phases.Quarantined);
        models.RemoveAt(1);
        lines = await ScrapeAsync(metrics);
        Assert.Contains(Phase("scorer", Phases.Quarantined) + " 1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith(Phase("scorer", Phases.Compliant), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith(Phase("ranker", Phases.Blocked), StringComparison.Ordinal));
        Assert.Equal(1, SeriesCount(lines, ModelDeploymentMetrics.PhaseFamily));
    }

    [Fact]
    public async Task Unwaived_findings_are_counted_per_control_and_severity_and_waived_ones_are_not()
    {
        var model = InPhase(
            "scorer", Phases.Blocked,
            new Finding { Control = "AIG-NET-01", Severity = "high", Message = "open egress" },
            new Finding { Control = "AIG-NET-01", Severity = "high", Message = "open ingress" },
            new Finding { Control = "AIG-IMG-02", Severity = "medium", Message = "mutable tag", Waived = true, WaivedBy = "ml-prod/tags" });
        var metrics = new ModelDeploymentMetrics(() => [model], () => true);

        var lines = await ScrapeAsync(metrics);
        Assert.Contains("aiguard_findings{namespace=\"ml-prod\",name=\"scorer\",control=\"AIG-NET-01\",severity=\"high\"} 2", lines);
        Assert.Equal(1, SeriesCount(lines, ModelDeploymentMetrics.FindingsFamily));
    }

    [Fact]
    public async Task A_standby_exports_no_model_series()
    {
        var leading = true;
        var metrics = new ModelDeploymentMetrics(() => [InPhase("scorer", Phases.Compliant)], () => leading);
        Assert.Equal(1, SeriesCount(await ScrapeAsync(metrics), ModelDeploymentMetrics.PhaseFamily));

        leading = false;
        Assert.Equal(0, SeriesCount(await ScrapeAsync(metrics), ModelDeploymentMetrics.PhaseFamily));
    }

    [Fact]
    public async Task A_label_value_with_quotes_backslashes_or_newlines_cannot_forge_a_series()
    {
        // A namespace user controls the finding's text fields only through the status the operator writes, but a phase
        // or control name is still a string: it is escaped, so it can never end the label value or start a new line.
        var model = InPhase("scorer", "Compliant\"} 1\naiguard_modeldeployment_phase{name=\"forged\\");
        var metrics = new ModelDeploymentMetrics(() => [model], () => true);

        var lines = await ScrapeAsync(metrics);
        Assert.Equal(1, SeriesCount(lines, ModelDeploymentMetrics.PhaseFamily));
        Assert.Contains(
            "aiguard_modeldeployment_phase{namespace=\"ml-prod\",name=\"scorer\",phase=\"Compliant\\\"} 1\\naiguard_modeldeployment_phase{name=\\\"forged\\\\\"} 1",
            lines);
    }
}
