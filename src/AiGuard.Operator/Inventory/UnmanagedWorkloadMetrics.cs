using Prometheus;

namespace AiGuard.Operator.Inventory;

/// <summary>
/// UnmanagedWorkloadMetrics exports <c>aiguard_unmanaged_ai_workloads{namespace,kind}</c>, the number of shadow-AI
/// workloads of the last scan, computed from the <see cref="UnmanagedWorkloadInventory"/> at scrape time. Series of
/// namespaces and kinds that no longer have any are removed rather than left at their last value. Only the leader
/// scans, so only the leader exports; <c>sum()</c> across replicas does not double count.
/// </summary>
public sealed class UnmanagedWorkloadMetrics
{
    /// <summary>The metric's name.</summary>
    public const string Name = "aiguard_unmanaged_ai_workloads";

    private readonly Gauge _workloads;
    private readonly UnmanagedWorkloadInventory _inventory;
    private readonly Func<bool> _exporting;
    private readonly Lock _gate = new();

    /// <summary>Registers the series in <paramref name="registry"/>, refreshed before every collection.</summary>
    /// <param name="registry">Where the series live.</param>
    /// <param name="inventory">The shared inventory.</param>
    /// <param name="exporting">True while this replica should export (it leads).</param>
    public UnmanagedWorkloadMetrics(CollectorRegistry registry, UnmanagedWorkloadInventory inventory, Func<bool> exporting)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _inventory = inventory ?? throw new ArgumentNullException(nameof(inventory));
        _exporting = exporting ?? throw new ArgumentNullException(nameof(exporting));
        _workloads = Metrics.WithCustomRegistry(registry).CreateGauge(
            Name, "Workloads running a known inference server or requesting GPUs that no ModelDeployment controls (shadow AI), by namespace and kind.",
            new GaugeConfiguration { LabelNames = ["namespace", "kind"], SuppressInitialValue = true });
        registry.AddBeforeCollectCallback(Refresh);
    }

    /// <summary>Recomputes every series from the inventory (called before each scrape).</summary>
    public void Refresh()
    {
        lock (_gate)
        {
            var counts = _exporting()
                ? _inventory.Snapshot.CountBy(w => (w.Namespace, w.Kind)).ToDictionary()
                : [];
            foreach (var ((ns, kind), count) in counts)
            {
                _workloads.WithLabels(ns, kind).Set(count);
            }

            foreach (var labels in _workloads.GetAllLabelValues().ToList())
            {
                if (!counts.ContainsKey((labels[0], labels[1])))
                {
                    _workloads.RemoveLabelled(labels);
                }
            }
        }
    }
}
