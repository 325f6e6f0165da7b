using System.Net;
using System.Net.Http.Headers;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Reports;

/// <summary>
/// ReportApiDiscovery asks the API server which report kinds it serves: <c>GET /apis/{group}/{version}</c> for each
/// <see cref="ReportApi"/>, answered 404 while the CRDs are not installed. Namespaced and cluster-scoped kinds are
/// told apart, because a cluster may install only one of the two CRDs of a flavour.
/// </summary>
public sealed class ReportApiDiscovery(Kubernetes client)
{
    /// <summary>The report kinds served now: (flavour, cluster-scoped) pairs.</summary>
    public async Task<IReadOnlySet<(ReportApi Api, bool Cluster)>> ServedAsync(CancellationToken cancellationToken)
    {
        var served = new HashSet<(ReportApi, bool)>();
        foreach (var api in ReportApi.All)
        {
            var resources = await ResourcesAsync(api, cancellationToken).ConfigureAwait(false);
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

    private async Task<IReadOnlyList<V1APIResource>> ResourcesAsync(ReportApi api, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(client.HttpClientTimeout);
        var uri = new Uri($"{client.BaseUri.ToString().TrimEnd('/')}/apis/{api.Group}/{api.Version}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, timeout.Token).ConfigureAwait(false);
        }

        using var response = await client.HttpClient.SendAsync(request, timeout.Token).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }

        var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new KubernetesApiException($"discovery GET /apis/{api.Group}/{api.Version} answered {(int)response.StatusCode}");
        }

        return KubernetesJson.Deserialize<V1APIResourceList>(body)?.Resources?.ToList() ?? [];
    }
}
