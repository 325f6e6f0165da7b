using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine;
using AiGuard.Engine.Inventory;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Inventory;

/// <summary>
/// ShadowAiScanner finds shadow AI on the leader: at start and then every interval it pages through the
/// Deployments, StatefulSets, DaemonSets, CronJobs, Jobs and Pods of the watched namespaces (LIST, 500 per page),
/// classifies each with <see cref="InferenceWorkloadDetector"/> and keeps only the compact results in the
/// <see cref="UnmanagedWorkloadInventory"/>. CronJobs are read through their job template, so one is found between
/// runs, and a Job is left to a CronJob only as <see cref="ReportedCronJobs"/> allows (CronJobs are listed first);
/// Pods with a controller, a Job's among them, are left to it. A periodic LIST instead of six more informers keeps
/// memory at one page: a cluster's pods would otherwise sit in the cache for a report that tolerates minutes of
/// delay. Pages are read as a stream into a projection of what the detector reads
/// (<see cref="WorkloadPageReader{T}"/>), so a scan's garbage stays small and short-lived and nothing it reads joins
/// the caches' shared string pools. A kind whose LIST fails or
/// whose page does not parse keeps its previous results (a missing permission or a flaky API server does not empty
/// the report).
/// </summary>
public sealed class ShadowAiScanner
{
    /// <summary>Objects per LIST page.</summary>
    public const int PageSize = 500;

    private readonly IReadOnlyList<string> _namespaces;
    private readonly Func<IEnumerable<GuardPolicy>> _policies;
    private readonly Func<string, string, ModelDeployment?> _model;
    private readonly UnmanagedWorkloadInventory _inventory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<IWorkloadLister> _listers;
    private readonly Dictionary<string, IReadOnlyList<UnmanagedWorkload>> _lastByKind = new(StringComparer.Ordinal);
    private readonly ReportedCronJobs _cronJobs = new();

    /// <summary>Creates a scanner.</summary>
    /// <param name="client">A client whose HTTP pipeline the LISTs use.</param>
    /// <param name="namespaces">The watched namespaces; empty lists across all namespaces.</param>
    /// <param name="policies">The GuardPolicies (their <c>spec.inventory.inferenceImages</c> extend the catalog).</param>
    /// <param name="model">Looks up a ModelDeployment by namespace and name (the operator's cache).</param>
    /// <param name="inventory">Where results go.</param>
    /// <param name="time">Clock for the interval.</param>
    /// <param name="logger">Logs failed LISTs.</param>
    public ShadowAiScanner(
        Kubernetes client,
        IReadOnlyList<string> namespaces,
        Func<IEnumerable<GuardPolicy>> policies,
        Func<string, string, ModelDeployment?> model,
        UnmanagedWorkloadInventory inventory,
        TimeProvider time,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        _namespaces = namespaces ?? [];
        _policies = policies ?? throw new ArgumentNullException(nameof(policies));
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _inventory = inventory ?? throw new ArgumentNullException(nameof(inventory));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _listers =
        [
            new WorkloadLister<V1Deployment>(V1Deployment.KubeKind, client, d => d.Spec?.Template?.Spec),
            new WorkloadLister<V1StatefulSet>(V1StatefulSet.KubeKind, client, s => s.Spec?.Template?.Spec),
            new WorkloadLister<V1DaemonSet>(V1DaemonSet.KubeKind, client, d => d.Spec?.Template?.Spec),
            new WorkloadLister<V1CronJob>(V1CronJob.KubeKind, client, c => c.Spec?.JobTemplate?.Spec?.Template?.Spec, (m, w) =>
            {
                _cronJobs.Record(m, w);
                return w;
            }),
            new WorkloadLister<V1Job>(V1Job.KubeKind, client, j => j.Spec?.Template?.Spec, (m, w) => _cronJobs.Covers(m, w) ? null : ReportedCronJobs.Explain(m, w)),
            new WorkloadLister<V1Pod>(V1Pod.KubeKind, client, p => p.Spec),
        ];
    }

    /// <summary>The inventory this scanner fills.</summary>
    public UnmanagedWorkloadInventory Inventory => _inventory;

    /// <summary>Scans at once and then every <paramref name="interval"/> until <paramref name="leadership"/> ends.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken leadership)
    {
        do
        {
            try
            {
                await ScanOnceAsync(leadership).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (leadership.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A failing Changed subscriber must not stop the leader's workers; the next interval tries again.
                _logger.LogWarning("Shadow-AI scan failed: {Reason}", e.Message);
            }
        }
        while (await DelayAsync(interval, leadership).ConfigureAwait(false));
    }

    /// <summary>One full scan; updates the inventory. Returns the kinds whose LIST failed (they keep their previous results).</summary>
    public async Task<IReadOnlyList<string>> ScanOnceAsync(CancellationToken cancellationToken)
    {
        var extra = _policies().SelectMany(p => p.Spec?.Inventory?.InferenceImages ?? []).Distinct(StringComparer.Ordinal).ToList();

        // Asked per workload, not snapshotted up front: a Deployment the operator created after this scan began
        // belongs to a ModelDeployment that was in the cache before the Deployment existed.
        var detector = new InferenceWorkloadDetector(extra, IsLive);
        var failed = new List<string>();
        foreach (var lister in _listers)
        {
            try
            {
                var found = new List<UnmanagedWorkload>();
                if (lister.Kind == V1CronJob.KubeKind)
                {
                    _cronJobs.Begin();
                }

                foreach (var ns in _namespaces.Count == 0 ? [null] : _namespaces.Select(n => (string?)n))
                {
                    await lister.ScanAsync(ns, detector, found, cancellationToken).ConfigureAwait(false);
                }

                _lastByKind[lister.Kind] = found;
                if (lister.Kind == V1CronJob.KubeKind)
                {
                    _cronJobs.Commit();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed.Add(lister.Kind);
                _logger.LogWarning("Shadow-AI scan could not list {Kind}s, keeping the previous results: {Reason}", lister.Kind, e.Message);
            }
        }

        var changed = _inventory.Replace(_lastByKind.Values.SelectMany(w => w), _time.GetUtcNow());
        if (changed)
        {
            _logger.LogInformation("Shadow-AI inventory: {Count} unmanaged AI workloads", _inventory.Snapshot.Count);
        }

        return failed;
    }

    private bool IsLive(ModelDeploymentIdentity identity) =>
        _model(identity.Namespace, identity.Name)?.Metadata?.Uid is { Length: > 0 } uid && uid == identity.Uid;

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private interface IWorkloadLister
    {
        string Kind { get; }

        Task ScanAsync(string? @namespace, InferenceWorkloadDetector detector, List<UnmanagedWorkload> found, CancellationToken cancellationToken);
    }

    /// <param name="admit">What becomes of a detected workload (null: not reported); reports it unchanged when absent.</param>
    private sealed class WorkloadLister<T>(
        string kind,
        Kubernetes client,
        Func<T, V1PodSpec?> podSpec,
        Func<V1ObjectMeta, UnmanagedWorkload, UnmanagedWorkload?>? admit = null) : IWorkloadLister
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        private readonly WorkloadPageReader<T> _list = new(client, kind);

        public string Kind => kind;

        public async Task ScanAsync(string? @namespace, InferenceWorkloadDetector detector, List<UnmanagedWorkload> found, CancellationToken cancellationToken)
        {
            string? next = null;
            do
            {
                var page = await _list.ReadAsync(@namespace, PageSize, next, cancellationToken).ConfigureAwait(false);
                foreach (var item in page.Items)
                {
                    if (item.Metadata is { } metadata && detector.Detect(kind, metadata, podSpec(item)) is { } detected
                        && (admit is null ? detected : admit(metadata, detected)) is { } workload)
                    {
                        found.Add(workload);
                    }
                }

                next = page.Continue;
            }
            while (next is not null);
        }
    }
}
