using System.Net;
using System.Net.Http.Headers;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// GroupVersionDiscovery asks the API server which resources one group/version serves (<c>GET /apis/{group}/{version}</c>,
/// or <c>/api/v1</c> for the core group), the way kubectl's discovery does. It is how the operator learns whether an
/// optional third-party CRD (Trivy's VulnerabilityReports, the PolicyReport flavours) is installed: 404, the group is
/// not installed, is an empty list; any other error is thrown so callers keep what they knew (a flaky API server must
/// not make installed CRDs look absent).
/// </summary>
public sealed class GroupVersionDiscovery(Kubernetes client)
{
    /// <summary>The resources served under <paramref name="group"/>/<paramref name="version"/>; empty when the group is not installed.</summary>
    /// <exception cref="KubernetesApiException">The API server answered an error other than 404.</exception>
    public async Task<IReadOnlyList<V1APIResource>> ResourcesAsync(string group, string version, CancellationToken cancellationToken)
    {
        var path = string.IsNullOrEmpty(group) ? $"api/{version}" : $"apis/{group}/{version}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(client.HttpClientTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{client.BaseUri.ToString().TrimEnd('/')}/{path}"));
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

        if (!response.IsSuccessStatusCode)
        {
            throw new KubernetesApiException((int)response.StatusCode, response.ReasonPhrase, $"discovery GET /{path} failed");
        }

        var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        return KubernetesJson.Deserialize<V1APIResourceList>(body)?.Resources?.ToList() ?? [];
    }
}
