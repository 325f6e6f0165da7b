using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Hosting;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Operator.Tests.Runtime;
using Prometheus;

namespace AiGuard.Operator.Tests.Hosting;

public sealed class ModelDeploymentMetricsTests
{
    private static ModelDeployment InPhase(string name, string? phase)
    {
        var model = TestModels.Compliant("ml-prod", name);
        model.Status = phase is null ? null : new ModelDeploymentStatus { Phase = phase };
        return model;
    }

    private static string Phase(string name, string phase) =>
        $"aiguard_modeldeployment_phase{{namespace=\"ml-prod\",name=\"{name}\",phase=\"{phase}\"}}";

    [Fact]
    public async Task Each_model_has_one_phase_series_that_follows_its_phase_and_goes_with_it()
    {
        var registry = Metrics.NewCustomRegistry();
        var models = new List<ModelDeployment> { InPhase("scorer", Phases.Compliant), InPhase("ranker", Phases.Blocked), InPhase("fresh", null) };
        _ = new ModelDeploymentMetrics(registry, () => models, () => true);

        Assert.Equal(1, await MetricText.ValueAsync(registry, Phase("scorer", Phases.Compliant)));
        Assert.Equal(1, await MetricText.ValueAsync(registry, Phase("ranker", Phases.Blocked)));
        Assert.Equal(2, await SeriesCountAsync(registry)); // no zero-valued series for the other phases, none for an unreconciled model

        models[0] = InPhase("scorer", Phases.Quarantined);
        models.RemoveAt(1);
        Assert.Equal(1, await MetricText.ValueAsync(registry, Phase("scorer", Phases.Quarantined)));
        Assert.Null(await MetricText.ValueAsync(registry, Phase("scorer", Phases.Compliant)));
        Assert.Null(await MetricText.ValueAsync(registry, Phase("ranker", Phases.Blocked)));
        Assert.Equal(1, await SeriesCountAsync(registry));
    }

    [Fact]
    public async Task A_standby_exports_no_model_series()
    {
        var registry = Metrics.NewCustomRegistry();
        var leading = true;
        _ = new ModelDeploymentMetrics(registry, () => [InPhase("scorer", Phases.Compliant)], () => leading);
        Assert.Equal(1, await SeriesCountAsync(registry));

        leading = false;
        Assert.Equal(0, await SeriesCountAsync(registry));
    }

    private static async Task<int> SeriesCountAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n')
            .Count(line => line.StartsWith("aiguard_modeldeployment_phase{", StringComparison.Ordinal));
    }
}
