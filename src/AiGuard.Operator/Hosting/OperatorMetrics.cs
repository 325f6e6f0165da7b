using AiGuard.Operator.Runtime;
using Prometheus;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorMetrics are the series the host owns on top of the runtime's (<see cref="RuntimeMetrics"/>:
/// aiguard_reconcile_total, aiguard_reconcile_duration_seconds, aiguard_workqueue_depth): whether this replica
/// leads, and whether its caches are synced. Both registries are the same one the <c>/metrics</c> endpoint serves.
/// </summary>
public sealed class OperatorMetrics
{
    private readonly Gauge _leader;
    private readonly Gauge _cachesSynced;
    private readonly Counter _leadershipChanges;

    /// <summary>Creates the series in <paramref name="registry"/>.</summary>
    public OperatorMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        Runtime = new RuntimeMetrics(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        _leader = factory.CreateGauge(
            "aiguard_leader", "1 while this replica holds the operator Lease and runs workers, else 0.",
            new GaugeConfiguration { LabelNames = ["identity"] });
        _cachesSynced = factory.CreateGauge("aiguard_caches_synced", "1 once every cache has listed its objects (what /readyz reports).");
        _leadershipChanges = factory.CreateCounter(
            "aiguard_leadership_transitions_total", "Times this replica started or stopped leading.",
            new CounterConfiguration { LabelNames = ["transition"] });
    }

    /// <summary>The registry served on <c>/metrics</c>.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The runtime's series in the same registry; hand it to the controller core.</summary>
    public RuntimeMetrics Runtime { get; }

    /// <summary>Records whether <paramref name="identity"/> leads.</summary>
    public void SetLeader(string identity, bool leading)
    {
        _leader.WithLabels(identity).Set(leading ? 1 : 0);
        _leadershipChanges.WithLabels(leading ? "started" : "stopped").Inc();
    }

    /// <summary>Records whether the caches are synced.</summary>
    public void SetCachesSynced(bool synced) => _cachesSynced.Set(synced ? 1 : 0);
}
