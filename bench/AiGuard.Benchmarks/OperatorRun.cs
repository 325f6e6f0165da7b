using System.Diagnostics;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Runtime;
using AiGuard.Sandbox;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace AiGuard.Benchmarks;

/// <summary>
/// OperatorRun is the real operator core (caches plus controllers, no host) running against a sandbox over HTTP with
/// its own client and its own metrics registry, so the benchmark can stop it and see what memory it gave back.
/// </summary>
internal sealed class OperatorRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Kubernetes _client;
    private Task _workers = Task.CompletedTask;

    private OperatorRun(Kubernetes client, OperatorCore core, CollectorRegistry registry)
    {
        _client = client;
        Core = core;
        Registry = registry;
    }

    public OperatorCore Core { get; }

    public CollectorRegistry Registry { get; }

    /// <summary>Starts the caches, waits for them to sync, then starts the workers.</summary>
    public static async Task<OperatorRun> StartAsync(SandboxServer sandbox, int workers)
    {
        var client = sandbox.CreateClient();
        var registry = Metrics.NewCustomRegistry();
        var core = new OperatorCore(client, new OperatorCoreOptions { Workers = workers }, NullLoggerFactory.Instance,
            TimeProvider.System, new RuntimeMetrics(registry));
        var run = new OperatorRun(client, core, registry);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run._stop.Token, deadline.Token);
        await core.StartCachesAsync(run._stop.Token).WaitAsync(linked.Token);
        run._workers = core.RunWorkersAsync(run._stop.Token);
        return run;
    }

    /// <summary>
    /// Waits until no controller has queued, delayed or running work for half a second without interruption
    /// (the policy status controller's batch delay counts as work); false at the deadline.
    /// </summary>
    public async Task<bool> WaitIdleAsync(TimeSpan limit)
    {
        var stable = TimeSpan.FromMilliseconds(500);
        var clock = Stopwatch.StartNew();
        var idleSince = Stopwatch.StartNew();
        while (idleSince.Elapsed < stable)
        {
            if (!Core.IsIdle)
            {
                idleSince.Restart();
            }

            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _workers;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        await Core.DisposeAsync();
        _client.Dispose();
        _stop.Dispose();
    }
}
