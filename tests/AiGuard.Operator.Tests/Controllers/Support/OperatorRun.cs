using AiGuard.Operator.Controllers;
using AiGuard.Operator.Runtime;
using AiGuard.Operator.Sealing;
using AiGuard.Sandbox;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>
/// OperatorRun is one life of an operator pod against a sandbox that outlives it: its own client, caches and leading
/// workers, stopped on disposal while the API server keeps running, so a test can change the cluster while no
/// operator runs and then start the next one.
/// </summary>
public sealed class OperatorRun : IAsyncDisposable
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

    /// <summary>This run's own client (the operator's identity towards the API server).</summary>
    public Kubernetes Client => _client;

    /// <summary>This run's operator core.</summary>
    public OperatorCore Core { get; }

    /// <summary>This run's metrics.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>
    /// Starts an operator against <paramref name="sandbox"/>: caches synced, then (unless <paramref name="startWorkers"/>
    /// is false: see <see cref="StartWorkers"/>) workers leading until disposal.
    /// </summary>
    public static async Task<OperatorRun> StartAsync(
        SandboxServer sandbox, OperatorCoreOptions options, SealedDataVerifier? sealing = null, bool startWorkers = true)
    {
        var client = sandbox.CreateClient();
        var registry = Metrics.NewCustomRegistry();
        var core = new OperatorCore(client, options, NullLoggerFactory.Instance, TimeProvider.System, new RuntimeMetrics(registry), sealing);
        var run = new OperatorRun(client, core, registry);
        await Eventually.CompletesAsync(core.StartCachesAsync(run._stop.Token), "caches to sync");
        if (startWorkers)
        {
            run.StartWorkers();
        }

        return run;
    }

    /// <summary>Runs the controllers' workers until disposal.</summary>
    public void StartWorkers() => _workers = Core.RunWorkersAsync(_stop.Token);

    /// <summary>Stops the operator (workers, then caches); the sandbox keeps running.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _workers;
        }
        catch (OperationCanceledException)
        {
        }

        await Core.DisposeAsync();
        _client.Dispose();
        _stop.Dispose();
    }
}
