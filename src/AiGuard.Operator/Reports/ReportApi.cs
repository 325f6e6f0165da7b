namespace AiGuard.Operator.Reports;

/// <summary>
/// ReportApi is one flavour of third-party compliance report the operator writes when its CRDs are served: the
/// wg-policy <c>wgpolicyk8s.io/v1alpha2</c> PolicyReport that Policy Reporter, Kyverno and Trivy dashboards read, and
/// its successor <c>openreports.io/v1alpha1</c> Report. Each has a namespaced and a cluster-scoped kind with the same
/// body; the flavours are discovered and written independently.
/// </summary>
/// <param name="Group">API group.</param>
/// <param name="Version">The one version written.</param>
/// <param name="Kind">Namespaced kind.</param>
/// <param name="Plural">Namespaced resource.</param>
/// <param name="ClusterKind">Cluster-scoped kind.</param>
/// <param name="ClusterPlural">Cluster-scoped resource.</param>
/// <param name="HasReportSource">True when the report (not only each result) has a <c>source</c> field.</param>
public sealed record ReportApi(string Group, string Version, string Kind, string Plural, string ClusterKind, string ClusterPlural, bool HasReportSource)
{
    /// <summary>wgpolicyk8s.io/v1alpha2 PolicyReport and ClusterPolicyReport.</summary>
    public static ReportApi PolicyReport { get; } =
        new("wgpolicyk8s.io", "v1alpha2", "PolicyReport", "policyreports", "ClusterPolicyReport", "clusterpolicyreports", HasReportSource: false);

    /// <summary>openreports.io/v1alpha1 Report and ClusterReport.</summary>
    public static ReportApi OpenReports { get; } =
        new("openreports.io", "v1alpha1", "Report", "reports", "ClusterReport", "clusterreports", HasReportSource: true);

    /// <summary>Every flavour, in the order they are written.</summary>
    public static IReadOnlyList<ReportApi> All { get; } = [PolicyReport, OpenReports];

    /// <summary>group/version, the apiVersion of the objects.</summary>
    public string GroupVersion => $"{Group}/{Version}";

    /// <summary>The kind for a namespaced (<paramref name="cluster"/> false) or cluster-scoped report.</summary>
    public string KindFor(bool cluster) => cluster ? ClusterKind : Kind;

    /// <summary>The resource for a namespaced (<paramref name="cluster"/> false) or cluster-scoped report.</summary>
    public string PluralFor(bool cluster) => cluster ? ClusterPlural : Plural;

    public override string ToString() => $"{Kind}.{Group}";
}
