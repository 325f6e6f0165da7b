using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Runtime;
using k8s;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Reports;

/// <summary>
/// PolicyReports composes the report writer: a namespace-keyed work queue fed by the verdicts the ModelDeployment
/// reconciler publishes (<see cref="VerdictLedger"/>) and by ModelDeployment deletions, the
/// <see cref="PolicyReportReconciler"/>, and a discovery loop that asks which report CRDs are served at start and
/// every <see cref="PolicyReportOptions.DiscoveryInterval"/>. Once per leadership and served kind it also sweeps for
/// the operator's reports in namespaces without a ModelDeployment (<see cref="StaleReportSweep"/>): models deleted
/// while no leader ran leave such reports behind. All of it runs only while this replica leads.
/// </summary>
public sealed class PolicyReports : IDisposable
{
    private readonly OperatorCaches _caches;
    private readonly ReportApiDiscovery _discovery;
    private readonly ReportWriter _writer;
    private readonly StaleReportSweep _sweep;
    private readonly HashSet<ReportApi> _swept = [];
    private readonly PolicyReportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Controller<ObjectKey> _controller;

    /// <summary>Wires the queue and its triggers; nothing is asked or written before <see cref="RunAsync"/>.</summary>
    /// <param name="client">The operator's client.</param>
    /// <param name="namespaces">The watched namespaces; empty means all (the stale-report sweep lists there).</param>
    /// <param name="caches">The operator's caches (which namespaces have ModelDeployments).</param>
    /// <param name="ledger">The verdicts the ModelDeployment reconciler publishes.</param>
    /// <param name="events">Records the conflict events.</param>
    /// <param name="options">Report options.</param>
    /// <param name="metrics">Work queue, reconcile and report metrics.</param>
    /// <param name="time">Clock for write intervals and discovery.</param>
    /// <param name="loggers">Logger factory.</param>
    public PolicyReports(
        Kubernetes client, IReadOnlyList<string> namespaces, OperatorCaches caches, VerdictLedger ledger, EventRecorder events, PolicyReportOptions options,
        RuntimeMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxResults, 1);
        _caches = caches;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger("AiGuard.Operator.PolicyReports");
        _discovery = new ReportApiDiscovery(client);
        _writer = new ReportWriter(client);
        _sweep = new StaleReportSweep(client, namespaces ?? [], options.ReportName);
        Reconciler = new PolicyReportReconciler(caches, ledger, _writer, events, new PolicyReportMetrics(metrics), options, time, _logger);
        var queue = new WorkQueue<ObjectKey>("policyreports", time, metrics: metrics);
        _controller = new Controller<ObjectKey>(queue, Reconciler.ReconcileAsync,
            new ControllerOptions { Name = "policyreports", Workers = 1 }, metrics, _logger, time);

        // Every trigger waits one write interval: a burst of verdicts in a namespace becomes one reconcile. While no
        // report kind is served nothing is queued; discovery queues every namespace when one appears.
        void Trigger(string ns)
        {
            if (Reconciler.Served.Count > 0)
            {
                queue.AddAfter(NamespaceKey(ns), options.WriteInterval);
            }
        }

        ledger.Changed += Trigger;
        caches.ModelDeployments.AddEventHandler(new ResourceEventHandler<ModelDeployment>(
            OnDelete: m =>
            {
                ledger.Forget(m);
                Trigger(EvaluationInputSource.NamespaceOf(m));
            }));
    }

    /// <summary>The reconciler (tests read what discovery found).</summary>
    public PolicyReportReconciler Reconciler { get; }

    /// <summary>True when no report is waiting, delayed or being written.</summary>
    public bool IsIdle => _controller.Queue.Count == 0 && _controller.Queue.ProcessingCount == 0 && _controller.Queue.DelayedCount == 0;

    /// <summary>
    /// Sets the cluster-scoped findings (findings about no ModelDeployment, such as unmanaged inference workloads) and
    /// schedules the ClusterPolicyReport / ClusterReport named like the namespaced ones: one call wires a new source.
    /// Empty removes the operator's cluster reports; null means not known and leaves them as they are.
    /// </summary>
    public void PublishClusterResults(IReadOnlyList<ReportResult>? results)
    {
        Reconciler.ClusterResults = results;
        _controller.Queue.AddAfter(new ObjectKey(null, _options.ReportName), _options.WriteInterval);
    }

    /// <summary>Runs discovery and the writer until <paramref name="leadership"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken leadership)
    {
        if (!_options.Enabled)
        {
            return;
        }

        _controller.Start();
        // Another leader may have run in between: every leadership sweeps again.
        _swept.Clear();
        try
        {
            while (!leadership.IsCancellationRequested)
            {
                await DiscoverAsync(leadership).ConfigureAwait(false);
                await SweepAsync(leadership).ConfigureAwait(false);
                await Task.Delay(_options.DiscoveryInterval, _time, leadership).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (leadership.IsCancellationRequested)
        {
            // Leadership ended.
        }
        finally
        {
            await _controller.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the workers and releases the queue.</summary>
    public void Dispose() => _controller.Queue.Dispose();

    /// <summary>Stops the workers (the core's shutdown).</summary>
    public Task StopAsync() => _controller.StopAsync();

    private ObjectKey NamespaceKey(string ns) => new(ns, _options.ReportName);

    private async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        IReadOnlySet<(ReportApi Api, bool Cluster)> served;
        try
        {
            served = await _discovery.ServedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning("report discovery failed, keeping what was served before: {Error}", ApiErrors.Describe(e));
            return;
        }

        var before = Reconciler.Served;
        if (served.SetEquals(before))
        {
            return;
        }

        // A kind that appeared or went starts from a clean slate: what the writer remembers may be from older CRDs.
        foreach (var api in served.Except(before).Concat(before.Except(served)).Select(s => s.Api).Distinct())
        {
            _writer.Forget(api);
            _swept.Remove(api);
        }

        _logger.LogInformation("report kinds served: {Kinds}", served.Count == 0 ? "none" : string.Join(", ", served.Select(s => s.Api.KindFor(s.Cluster))));
        Reconciler.Served = served;
        foreach (var ns in _caches.ModelDeployments.List().Select(EvaluationInputSource.NamespaceOf).Distinct(StringComparer.Ordinal))
        {
            _controller.Queue.Add(NamespaceKey(ns));
        }

        _controller.Queue.Add(new ObjectKey(null, _options.ReportName));
    }

    // Queues every namespace that holds the operator's report of a served kind but has no live ModelDeployment: the
    // reconcile finds nothing to report there and deletes the report (preconditioned on its uid, as always). A
    // namespace that still has models needs nothing here: discovery queued it. A failed LIST (a missing permission
    // after an upgrade, an API error) is logged and tried again at the next discovery.
    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var api in Reconciler.Served.Where(s => !s.Cluster).Select(s => s.Api).Where(a => !_swept.Contains(a)).ToList())
        {
            IReadOnlyList<string> holding;
            try
            {
                holding = await _sweep.NamespacesWithReportAsync(api, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning("could not list the operator's {Kind} reports to remove stale ones, trying again in {Interval}: {Error}",
                    api.Kind, _options.DiscoveryInterval, e is KubernetesApiException ? e.Message : ApiErrors.Describe(e));
                continue;
            }

            _swept.Add(api);
            var stale = holding.Where(ns => !_caches.ModelDeployments.List(ns).Any(m => m.Metadata.DeletionTimestamp is null)).ToList();
            if (stale.Count > 0)
            {
                _logger.LogInformation("{Count} {Kind} reports in namespaces without ModelDeployments will be removed: {Namespaces}",
                    stale.Count, api.Kind, string.Join(", ", stale.Take(20)));
            }

            foreach (var ns in stale)
            {
                _controller.Queue.Add(NamespaceKey(ns));
            }
        }
    }
}
