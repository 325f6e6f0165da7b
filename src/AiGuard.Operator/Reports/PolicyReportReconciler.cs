using System.Collections.Concurrent;
using AiGuard.Api;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Runtime;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Reports;

/// <summary>
/// PolicyReportReconciler brings the reports of one scope in line with the verdicts: the key
/// <c>(namespace, reportName)</c> is a namespace's report, <c>(null, reportName)</c> the cluster-scoped one. Each served
/// kind is written independently through the <see cref="ReportWriter"/>, which writes only what changed. A report is
/// written at most once per <see cref="PolicyReportOptions.WriteInterval"/>; a request sooner is deferred to then,
/// which coalesces every change in between into one write.
/// </summary>
public sealed class PolicyReportReconciler(
    OperatorCaches caches,
    VerdictLedger ledger,
    ReportWriter writer,
    EventRecorder events,
    PolicyReportMetrics metrics,
    PolicyReportOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly ConcurrentDictionary<ObjectKey, DateTimeOffset> _lastWrite = new();
    private volatile IReadOnlyList<ReportResult>? _clusterResults;
    private volatile IReadOnlySet<(ReportApi Api, bool Cluster)> _served = new HashSet<(ReportApi, bool)>();

    /// <summary>The report kinds discovery last found served.</summary>
    public IReadOnlySet<(ReportApi Api, bool Cluster)> Served
    {
        get => _served;
        set => _served = value;
    }

    /// <summary>
    /// The cluster-scoped results (the seam for findings outside any ModelDeployment). Empty removes the operator's
    /// cluster report; null means not known yet (before the leader's first shadow-AI scan) and leaves the cluster
    /// report as it is, so a restart neither deletes a still-true report nor writes one before the first scan.
    /// </summary>
    public IReadOnlyList<ReportResult>? ClusterResults
    {
        get => _clusterResults;
        set => _clusterResults = value;
    }

    /// <summary>Reconciles the report named by <paramref name="key"/>.</summary>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var cluster = key.Namespace is null;
        var kinds = Served.Where(s => s.Cluster == cluster).Select(s => s.Api).OrderBy(a => a.Group, StringComparer.Ordinal).ToList();
        if (kinds.Count == 0)
        {
            return ReconcileResult.Done;
        }

        var now = time.GetUtcNow();
        if (_lastWrite.TryGetValue(key, out var last) && now - last < options.WriteInterval)
        {
            return ReconcileResult.RequeueAfter(last + options.WriteInterval - now);
        }

        if (!TryCompose(key, out var content))
        {
            // A model the reconciler has not judged yet: its verdict triggers this report again.
            return ReconcileResult.Done;
        }

        var refused = new List<ReportApi>();
        foreach (var api in kinds)
        {
            var kind = api.KindFor(cluster);
            switch (await writer.SyncAsync(api, key.Namespace, key.Name, content, cancellationToken).ConfigureAwait(false))
            {
                case ReportWriteOutcome.Written or ReportWriteOutcome.Deleted:
                    metrics.Written(kind);
                    _lastWrite[key] = now;
                    break;
                case ReportWriteOutcome.Refused:
                    metrics.Refused(kind);
                    refused.Add(api);
                    break;
            }
        }

        if (refused.Count == 0)
        {
            return ReconcileResult.Done;
        }

        await SurfaceConflictAsync(key, refused, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.RequeueAfter(options.ConflictRecheck);
    }

    /// <summary>Forgets write times of reports no longer needed (bounded memory under namespace churn).</summary>
    public void ForgetWrites(ObjectKey key) => _lastWrite.TryRemove(key, out _);

    // The content the report must have: null when nothing is left to report (the report goes). False while a model in
    // the namespace has no verdict yet, or before the cluster results are first known, so a half-built report is never
    // written and a true one is never deleted for want of an answer.
    private bool TryCompose(ObjectKey key, out ReportContent? content)
    {
        content = null;
        if (key.Namespace is null)
        {
            if (ClusterResults is not { } clusterResults)
            {
                // Not known yet: publishing the first results triggers this report again.
                return false;
            }

            content = clusterResults.Count > 0 ? ReportContent.Of(null, key.Name, clusterResults, options.MaxResults) : null;
            return true;
        }

        var models = caches.ModelDeployments.List(key.Namespace)
            .Where(m => m.Metadata.DeletionTimestamp is null)
            .OrderBy(m => m.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        if (models.Count == 0)
        {
            return true;
        }

        var results = new List<ReportResult>(models.Count * 16);
        foreach (var model in models)
        {
            if (ledger.ResultsOf(model) is not { } judged)
            {
                return false;
            }

            results.AddRange(judged);
        }

        content = ReportContent.Of(key.Namespace, key.Name, results, options.MaxResults);
        return true;
    }

    // Logged, counted, and for a namespaced report an event about the foreign object itself: the event lives in that
    // namespace (where its owners look) and `kubectl describe` on the object shows it.
    private async Task SurfaceConflictAsync(ObjectKey key, List<ReportApi> refused, CancellationToken cancellationToken)
    {
        var cluster = key.Namespace is null;
        foreach (var api in refused)
        {
            var kind = api.KindFor(cluster);
            var message = $"{kind} {key.Name} exists but is not managed by {ApiGroup.ManagedByValue} (label {ApiGroup.ManagedByLabel}); "
                + "the operator leaves it as it is and writes no AiGuard results into it until it is removed";
            logger.LogWarning("{Scope}: {Message}", key.Namespace ?? "cluster", message);
            if (key.Namespace is { } ns)
            {
                var regarding = new V1ObjectReference { ApiVersion = api.GroupVersion, Kind = kind, Name = key.Name, NamespaceProperty = ns };
                await events.RecordAsync(regarding, EventRecorder.Warning, "PolicyReportConflict", "Refuse", message, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
