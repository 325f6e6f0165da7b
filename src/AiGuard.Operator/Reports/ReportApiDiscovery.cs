using AiGuard.Operator.Runtime;
using k8s;

namespace AiGuard.Operator.Reports;

/// <summary>
/// ReportApiDiscovery asks the API server which report kinds it serves: <c>GET /apis/{group}/{version}</c> for each
/// <see cref="ReportApi"/>, answered 404 while the CRDs are not installed. Namespaced and cluster-scoped kinds are
/// told apart, because a cluster may install only one of the two CRDs of a flavour.
/// </summary>
public sealed class ReportApiDiscovery(Kubernetes client)
{
    private readonly GroupVersionDiscovery _discovery = new(client);

    /// <summary>The report kinds served now: (flavour, cluster-scoped) pairs.</summary>
    public async Task<IReadOnlySet<(ReportApi Api, bool Cluster)>> ServedAsync(CancellationToken cancellationToken)
    {
        var served = new HashSet<(ReportApi, bool)>();
        foreach (var api in ReportApi.All)
        {
            var resources = await _discovery.ResourcesAsync(api.Group, api.Version, cancellationToken).ConfigureAwait(false);
            foreach (var cluster in new[] { false, true })
            {
                if (resources.Any(r => r.Name == api.PluralFor(cluster) && r.Namespaced == !cluster))
                {
                    served.Add((api, cluster));
                }
            }
        }

        return served;
    }
}
