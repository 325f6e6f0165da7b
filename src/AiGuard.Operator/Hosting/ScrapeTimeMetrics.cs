using AiGuard.Operator.Inventory;
using AiGuard.Operator.Sealing;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// ScrapeTimeMetrics registers the series computed at scrape time from what this replica holds: the ModelDeployments'
/// phases and findings (<see cref="ModelDeploymentMetrics"/>) and the shadow-AI inventory (<see cref="UnmanagedWorkloadMetrics"/>), both exported while it leads, and the active sealing key's
/// expiry. It is a hosted service so the registration happens when the host starts, before the endpoints serve,
/// from services the container built, rather than as a side effect of building the host.
/// </summary>
internal sealed class ScrapeTimeMetrics(
    CollectorRegistry registry, OperatorMetrics metrics, IOperatorCore core, OperatorState state, SealingKeyStore keys,
    UnmanagedWorkloadInventory inventory) : IHostedService
{
    private ModelDeploymentMetrics? _models;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A host starts once; the guard keeps a second start from registering the callbacks twice.
        if (_models is null)
        {
            _models = new ModelDeploymentMetrics(registry, () => core.CachedModelDeployments, () => state.IsLeader);
            _ = new UnmanagedWorkloadMetrics(registry, inventory, () => state.IsLeader);
            metrics.TrackSealingKeyExpiry(() => keys.Ring.Active?.NotAfter);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
