using AiGuard.Engine.Inventory;
using k8s.Models;

namespace AiGuard.Operator.Inventory;

/// <summary>
/// ReportedCronJobs decides when a Job is left to its CronJob, so a CronJob's runs are reported once, as the
/// CronJob, the way a Deployment's Pods are reported as the Deployment. Anyone who may create a Job may write any
/// ownerReference on it, and a long-running Job is a known way around Deployment-focused policy, so the reference
/// alone hides nothing: a Job is left out only when its controller names, by namespace, name and uid, a CronJob
/// that the same scan reported. A Job claiming a benign CronJob, a deleted one, or one whose template no longer runs
/// what the Job runs is reported as itself. Holds the identities of the reported CronJobs only (a few strings each).
/// </summary>
public sealed class ReportedCronJobs
{
    private const string BatchGroup = "batch";

    private HashSet<(string Namespace, string Name, string Uid)> _reported = [];
    private HashSet<(string Namespace, string Name, string Uid)>? _scanning;

    /// <summary>Starts collecting the CronJobs of a new LIST; the previous ones stay in effect until <see cref="Commit"/>.</summary>
    public void Begin() => _scanning = [];

    /// <summary>Records a CronJob the scan reports (<paramref name="metadata"/> with its uid).</summary>
    public void Record(V1ObjectMeta metadata, UnmanagedWorkload workload)
    {
        if (_scanning is not null && metadata.Uid is { Length: > 0 } uid)
        {
            _scanning.Add((workload.Namespace, workload.Name, uid));
        }
    }

    /// <summary>
    /// Makes the CronJobs recorded since <see cref="Begin"/> the ones in effect. Not called when the CronJob LIST
    /// failed: its previous results and these identities stay together.
    /// </summary>
    public void Commit()
    {
        _reported = _scanning ?? _reported;
        _scanning = null;
    }

    /// <summary>True when <paramref name="job"/> is run by a CronJob this scan reports (so the CronJob stands for it).</summary>
    public bool Covers(V1ObjectMeta metadata, UnmanagedWorkload job) =>
        Controller(metadata) is { Name: { Length: > 0 } name, Uid: { Length: > 0 } uid }
        && _reported.Contains((job.Namespace, name, uid));

    /// <summary>
    /// The detector's reasons for a Job whose CronJob controller does not stand for it, plus why the reference does
    /// not hide it; the detector's own result when it claims no CronJob.
    /// </summary>
    public static UnmanagedWorkload Explain(V1ObjectMeta metadata, UnmanagedWorkload job) =>
        Controller(metadata) is { Name: { Length: > 0 } name }
            ? job with { Reasons = [.. job.Reasons, $"its ownerReference to CronJob '{name}' does not make the CronJob stand for it: that CronJob is not reported (gone, another uid, or its template runs no AI)"] }
            : job;

    private static V1OwnerReference? Controller(V1ObjectMeta metadata) =>
        metadata.OwnerReferences?.FirstOrDefault(r => r is { Controller: true }) is { Kind: V1CronJob.KubeKind } owner
        && owner.ApiVersion is { } apiVersion && apiVersion.StartsWith(BatchGroup + "/", StringComparison.Ordinal)
            ? owner
            : null;
}
