using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Inventory;
using AiGuard.Operator.Reports;
using AiGuard.Operator.Runtime;
using AiGuard.Operator.Sealing;
using k8s;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// OperatorCore composes the operator without its host: the caches, the ModelDeployment controller, the
/// GuardPolicy / GuardException status controllers and the policy reports. The host starts the caches on every replica (standbys keep
/// them warm) and runs the workers only while it leads.
/// </summary>
public sealed class OperatorCore : IAsyncDisposable
{
    private readonly OperatorCoreOptions _options;
    private readonly ILogger _logger;
    private readonly Controller<ObjectKey> _models;
    private readonly Controller<ObjectKey> _policies;
    private readonly Controller<ObjectKey> _exceptions;
    private readonly CancellationTokenSource _disposed = new();
    private Task _caches = Task.CompletedTask;
    private int _started;

    /// <summary>Wires everything; nothing talks to the API server until <see cref="StartCachesAsync"/>.</summary>
    /// <param name="client">A client whose concrete type is <see cref="Kubernetes"/> (the caches use its HTTP pipeline).</param>
    /// <param name="options">Namespaces, workers and tuning.</param>
    /// <param name="loggers">Logger factory.</param>
    /// <param name="time">Clock for evaluations, exception expiry and requeues.</param>
    /// <param name="metrics">Work queue and reconcile metrics.</param>
    /// <param name="sealing">Opens sealed secrets; null skips AIG-SEC-03 and plans no sealed Secrets.</param>
    /// <param name="inventory">Where the leader's shadow-AI scans go (default: a new one, see <see cref="Inventory"/>).</param>
    public OperatorCore(
        IKubernetes client,
        OperatorCoreOptions options,
        ILoggerFactory loggers,
        TimeProvider time,
        RuntimeMetrics metrics,
        SealedDataVerifier? sealing = null,
        UnmanagedWorkloadInventory? inventory = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(metrics);
        if (client is not Kubernetes concrete)
        {
            throw new ArgumentException("OperatorCore needs a k8s.Kubernetes client (its caches use the client's HTTP pipeline)", nameof(client));
        }

        if (options.Workers < 1)
        {
            throw new ArgumentException($"OperatorCoreOptions.Workers must be at least 1 (got {options.Workers})", nameof(options));
        }

        _options = options;
        _logger = loggers.CreateLogger("AiGuard.Operator.Core");
        Caches = new OperatorCaches(concrete, options, time, loggers);
        var children = new ChildResources(concrete, Caches);
        var status = new StatusPatcher(concrete);
        Events = new EventRecorder(new ObjectCreator(concrete, ApiGroup.FieldManager), options.ReportingInstance, options.EventDedupeWindow, time, loggers.CreateLogger("AiGuard.Operator.Events"));

        var verdicts = new VerdictLedger();
        Reports = new PolicyReports(concrete, options.Namespaces, Caches, verdicts, Events, options.Reports, metrics, time, loggers);
        var modelQueue = new WorkQueue<ObjectKey>("modeldeployments", time, metrics: metrics);
        ModelDeployments = new ModelDeploymentReconciler(
            Caches, children, status, Events, sealing, time, loggers.CreateLogger("AiGuard.Operator.ModelDeployments"),
            options.FailuresBeforeError, options.NameConflictRecheck, verdicts);
        _models = new Controller<ObjectKey>(modelQueue, ModelDeployments.ReconcileAsync,
            new ControllerOptions { Name = "modeldeployments", Workers = options.Workers }, metrics, loggers.CreateLogger("AiGuard.Operator.ModelDeployments"), time);
        new ModelDeploymentTriggers(Caches, modelQueue).Register();

        var policyQueue = new WorkQueue<ObjectKey>("guardpolicies", time, metrics: metrics);
        var policyStatus = new GuardPolicyStatusReconciler(Caches, status, time);
        _policies = new Controller<ObjectKey>(policyQueue, policyStatus.ReconcileAsync,
            new ControllerOptions { Name = "guardpolicies", Workers = 1 }, metrics, loggers.CreateLogger("AiGuard.Operator.GuardPolicies"), time);

        var exceptionQueue = new WorkQueue<ObjectKey>("guardexceptions", time, metrics: metrics);
        var exceptionStatus = new GuardExceptionStatusReconciler(Caches, status, time);
        _exceptions = new Controller<ObjectKey>(exceptionQueue, exceptionStatus.ReconcileAsync,
            new ControllerOptions { Name = "guardexceptions", Workers = 1 }, metrics, loggers.CreateLogger("AiGuard.Operator.GuardExceptions"), time);

        StatusTriggers(policyQueue, exceptionQueue);
        Scanner = new ShadowAiScanner(
            concrete, options.Namespaces, Caches.GuardPolicies.List, (ns, name) => Caches.ModelDeployments.Get(ns, name),
            inventory ?? new UnmanagedWorkloadInventory(), time, loggers.CreateLogger("AiGuard.Operator.Inventory"));

        // Shadow AI goes into the cluster-scoped reports: every scan that changes the inventory republishes them.
        Inventory.Changed += (_, _) => PublishInventory();
    }

    /// <summary>The shadow-AI inventory the leader's scanner fills (the policy report writer and the metric read it).</summary>
    public UnmanagedWorkloadInventory Inventory => Scanner.Inventory;

    /// <summary>The leader's periodic shadow-AI scanner.</summary>
    public ShadowAiScanner Scanner { get; }

    /// <summary>The caches (read-only use: tests and the host's diagnostics).</summary>
    public OperatorCaches Caches { get; }

    /// <summary>The ModelDeployment reconciler.</summary>
    public ModelDeploymentReconciler ModelDeployments { get; }

    /// <summary>The PolicyReport / openreports Report writer; <see cref="PolicyReports.PublishClusterResults"/> feeds the cluster-scoped reports.</summary>
    public PolicyReports Reports { get; }

    /// <summary>The event recorder (counts written events).</summary>
    public EventRecorder Events { get; }

    /// <summary>
    /// True when no key is waiting, delayed or being reconciled in any controller: the operator has caught up with
    /// what its caches show (tests and diagnostics; a pending exception-expiry requeue counts as work).
    /// </summary>
    public bool IsIdle => new[] { _models.Queue, _policies.Queue, _exceptions.Queue }
        .All(q => q.Count == 0 && q.ProcessingCount == 0 && q.DelayedCount == 0) && Reports.IsIdle;

    /// <summary>True once every cache has listed once (for /readyz).</summary>
    public bool CachesSynced => Caches.HasSynced;

    /// <summary>
    /// Starts every informer in the background (they run until <paramref name="stopping"/> is cancelled or the core is
    /// disposed) and completes once all have synced. Call it once, on leaders and standbys alike.
    /// </summary>
    public async Task StartCachesAsync(CancellationToken stopping)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("the caches are already started");
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _disposed.Token);
        _caches = Task.Run(async () =>
        {
            try
            {
                await Caches.RunAsync(linked.Token).ConfigureAwait(false);
            }
            finally
            {
                linked.Dispose();
            }
        }, CancellationToken.None);
        await Caches.WaitForSyncAsync(stopping).ConfigureAwait(false);
        _logger.LogInformation("caches synced");
    }

    /// <summary>
    /// Runs the controllers' workers until <paramref name="leadership"/> is cancelled (leadership lost or shutdown);
    /// then the workers stop at once (in-flight reconciles are cancelled and stay queued). Waits for the caches to sync first.
    /// </summary>
    public async Task RunWorkersAsync(CancellationToken leadership)
    {
        try
        {
            await Caches.WaitForSyncAsync(leadership).ConfigureAwait(false);
            _models.Start();
            _policies.Start();
            _exceptions.Start();
            if (Inventory.Version > 0)
            {
                // A replica that led before kept its inventory; the next scan may find it unchanged and stay silent.
                PublishInventory();
            }

            await Task.WhenAll(
                Reports.RunAsync(leadership),
                Scanner.RunAsync(_options.InventoryScanInterval, leadership),
                Task.Delay(Timeout.Infinite, leadership)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (leadership.IsCancellationRequested)
        {
            // Leadership ended: fall through and stop.
        }
        finally
        {
            await Task.WhenAll(_models.StopAsync(), _policies.StopAsync(), _exceptions.StopAsync()).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the workers and the caches.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_models.StopAsync(), _policies.StopAsync(), _exceptions.StopAsync(), Reports.StopAsync()).ConfigureAwait(false);
        await _disposed.CancelAsync().ConfigureAwait(false);
        try
        {
            await _caches.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _models.Queue.Dispose();
        _policies.Queue.Dispose();
        _exceptions.Queue.Dispose();
        Reports.Dispose();
        _disposed.Dispose();
    }

    // Policy and exception statuses count ModelDeployments: recompute them after a short delay when models come and
    // go, so a burst of new models costs one status write per policy.
    private void StatusTriggers(WorkQueue<ObjectKey> policies, WorkQueue<ObjectKey> exceptions)
    {
        var delay = _options.PolicyStatusBatchDelay;
        void AllPolicies()
        {
            foreach (var policy in Caches.GuardPolicies.List())
            {
                policies.AddAfter(ObjectKey.Of(policy), delay);
            }
        }

        void ExceptionsIn(ModelDeployment model)
        {
            foreach (var exception in Caches.GuardExceptions.List(model.Metadata.NamespaceProperty ?? "default"))
            {
                exceptions.AddAfter(ObjectKey.Of(exception), delay);
            }
        }

        Caches.GuardPolicies.AddEventHandler(new ResourceEventHandler<GuardPolicy>(
            OnAdd: p => policies.Add(ObjectKey.Of(p)),
            OnUpdate: (old, p) =>
            {
                if (old.Metadata.Generation != p.Metadata.Generation || p.Metadata.Generation is null)
                {
                    policies.Add(ObjectKey.Of(p));
                }
            }));
        Caches.GuardExceptions.AddEventHandler(new ResourceEventHandler<GuardException>(
            OnAdd: e => exceptions.Add(ObjectKey.Of(e)),
            OnUpdate: (old, e) =>
            {
                if (old.Metadata.Generation != e.Metadata.Generation || e.Metadata.Generation is null)
                {
                    exceptions.Add(ObjectKey.Of(e));
                }
            }));
        Caches.ModelDeployments.AddEventHandler(new ResourceEventHandler<ModelDeployment>(
            OnAdd: m => { AllPolicies(); ExceptionsIn(m); },
            OnDelete: m => { AllPolicies(); ExceptionsIn(m); }));
        Caches.Namespaces.AddEventHandler(new ResourceEventHandler<k8s.Models.V1Namespace>(
            OnAdd: _ => AllPolicies(),
            OnUpdate: (_, _) => AllPolicies(),
            OnDelete: _ => AllPolicies()));
    }

    private void PublishInventory() =>
        Reports.PublishClusterResults(UnmanagedWorkloadResults.For(Inventory.Snapshot, Inventory.LastScan ?? DateTimeOffset.UnixEpoch));
}
