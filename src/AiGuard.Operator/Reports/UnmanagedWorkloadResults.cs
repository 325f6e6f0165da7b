using AiGuard.Engine.Inventory;
using k8s.Models;

namespace AiGuard.Operator.Reports;

/// <summary>
/// UnmanagedWorkloadResults turns the shadow-AI inventory into the cluster-scoped report's results: one <c>warn</c>
/// per workload that runs an inference server or asks for GPUs with no ModelDeployment guarding it. <c>warn</c>, not
/// <c>fail</c>: no control of a ModelDeployment failed; the workload is outside what AiGuard checks, and Policy Reporter
/// and similar dashboards show warnings apart from failures. Workloads live in namespaces, but the finding is about
/// the cluster's inventory, so it goes into the ClusterPolicyReport / ClusterReport (docs/reports.md, Shadow AI).
/// </summary>
public static class UnmanagedWorkloadResults
{
    /// <summary>The rule every shadow-AI result names.</summary>
    public const string Rule = "unmanaged-ai-workload";

    /// <summary>One result per workload of <paramref name="workloads"/>, stamped <paramref name="scannedAt"/>.</summary>
    public static IReadOnlyList<ReportResult> For(IReadOnlyList<UnmanagedWorkload> workloads, DateTimeOffset scannedAt)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        var timestamp = ReportTimestamp.Of(scannedAt);
        return [.. workloads.Select(workload => new ReportResult
        {
            Policy = ModelReportResults.Policy,
            Rule = Rule,
            Result = ReportResult.Warn,
            Severity = "medium",
            Category = "Inventory",
            Message = ModelReportResults.Clip(
                $"{workload.Kind} {workload.Namespace}/{workload.Name} is not guarded by a ModelDeployment: {string.Join("; ", workload.Reasons)}"),
            Source = ModelReportResults.Source,
            Timestamp = timestamp,
            Resources = [new V1ObjectReference
            {
                ApiVersion = workload.Kind == "Pod" ? "v1" : "apps/v1",
                Kind = workload.Kind,
                NamespaceProperty = workload.Namespace,
                Name = workload.Name,
            }],
            Properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["images"] = ModelReportResults.Clip(string.Join(", ", workload.Images)),
            },
        })];
    }
}
