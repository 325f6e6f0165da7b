using AiGuard.Operator.Inventory;
using AiGuard.Operator.Sealing;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// ScrapeTimeMetrics registers the series computed at scrape time from what this replica holds: the shadow-AI
/// inventory (<see cref="UnmanagedWorkloadMetrics"/>), exported while it leads, and the active sealing key's expiry.
/// The ModelDeployments' phases and findings are written by the <c>/metrics</c> endpoint itself
/// (<see cref="ModelDeploymentMetrics"/>), straight from the cache. It is a hosted service so the registration happens when the host starts, before the endpoints serve,
/// from services the container built, rather than as a side effect of building the host.
/// </summary>
internal sealed class ScrapeTimeMetrics(
    CollectorRegistry registry, OperatorMetrics metrics, OperatorState state, SealingKeyStore keys,
    UnmanagedWorkloadInventory inventory) : IHostedService
{
    private bool _registered;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A host starts once; the guard keeps a second start from registering the callbacks twice.
        if (!_registered)
        {
            _registered = true;
            _ = new UnmanagedWorkloadMetrics(registry, inventory, () => state.IsLeader);
            metrics.TrackSealingKeyExpiry(() => keys.Ring.Active?.NotAfter);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
