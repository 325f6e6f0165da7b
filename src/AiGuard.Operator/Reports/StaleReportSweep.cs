using AiGuard.Api;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Runtime;
using k8s;

namespace AiGuard.Operator.Reports;

/// <summary>
/// StaleReportSweep finds the namespaces that hold one of the operator's reports, so that a report whose namespace
/// lost its last ModelDeployment while no leader ran is reconciled (and deleted) like any other. The
/// <see cref="ReportWriter"/> only knows what it wrote since it started, and nothing else ever triggers a namespace
/// without models: without the sweep such a report would claim results of deleted models forever.
/// One paged LIST per report kind, selected by the managed-by label, cluster-wide or in each watched namespace; it
/// runs once per leadership and kind, so it costs nothing per model and nothing in steady state.
/// </summary>
/// <param name="client">The operator's client.</param>
/// <param name="namespaces">The watched namespaces; empty lists cluster-wide.</param>
/// <param name="reportName">The one name the operator gives its reports.</param>
/// <param name="pageSize">Reports per LIST page (default <see cref="PageSize"/>).</param>
public sealed class StaleReportSweep(Kubernetes client, IReadOnlyList<string> namespaces, string reportName, int pageSize = StaleReportSweep.PageSize)
{
    /// <summary>
    /// Reports per LIST page. A report may be about 400 KB (1,000 results) and the page is read whole before its
    /// metadata is kept, so pages are small: 50 reports are at most about 20 MB, and a typical cluster one page.
    /// </summary>
    public const int PageSize = 50;

    /// <summary>
    /// The namespaces holding a <paramref name="api"/> report named like the operator's and carrying its managed-by
    /// label. A report of another name is not the operator's whatever its labels say (the operator writes only one
    /// name), and one without the label is someone else's: neither is returned. API errors propagate.
    /// </summary>
    public async Task<IReadOnlyList<string>> NamespacesWithReportAsync(ReportApi api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var lister = new KubernetesListWatchClient<ReportMetadata>(client, new ApiResource(api.Group, api.Version, api.Plural));
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ns in namespaces.Count == 0 ? [null] : namespaces.Distinct(StringComparer.Ordinal).Select(n => (string?)n))
        {
            string? next = null;
            do
            {
                var page = await lister.ListAsync(ns, OperatorCaches.ManagedSelector, pageSize, next, cancellationToken).ConfigureAwait(false);
                foreach (var metadata in page.Items.Select(r => r.Metadata))
                {
                    // The server applied the selector; checked again here so a server that ignores it changes nothing.
                    if (metadata.Name == reportName
                        && metadata.NamespaceProperty is { Length: > 0 } reportNamespace
                        && metadata.Labels?.TryGetValue(ApiGroup.ManagedByLabel, out var by) == true && by == ApiGroup.ManagedByValue)
                    {
                        found.Add(reportNamespace);
                    }
                }

                next = page.Continue;
            }
            while (next is not null);
        }

        return [.. found];
    }
}
