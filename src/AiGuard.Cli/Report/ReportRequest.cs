namespace AiGuard.Cli.Report;

/// <summary>ReportRequest is a checked <c>aiguard report</c> command line.</summary>
/// <param name="Kubeconfig">--kubeconfig, or null for KUBECONFIG, ~/.kube/config or in-cluster.</param>
/// <param name="Namespace">-n, or null: the kubeconfig context's namespace (unless <paramref name="AllNamespaces"/>).</param>
/// <param name="AllNamespaces">-A: every namespace.</param>
/// <param name="Format">One of <see cref="ClusterReportFormats.Names"/>.</param>
/// <param name="ExpiringWithin">--expiring-within: the window for expiring GuardExceptions.</param>
/// <param name="TopFindings">--top: how many of the worst findings to list.</param>
/// <param name="UnmanagedOnly">--unmanaged: print only the inference workloads no ModelDeployment controls.</param>
public sealed record ReportRequest(string? Kubeconfig, string? Namespace, bool AllNamespaces, string Format, TimeSpan ExpiringWithin, int TopFindings, bool UnmanagedOnly = false)
{
    public const int DefaultExpiringWithinDays = 14;
    public const int DefaultTopFindings = 10;
}
