using System.Net.Http.Headers;
using k8s;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// ApiRequests sends requests the operator builds itself over KubernetesClient's configured pipeline: the same
/// HttpClient (TLS, client certificates, the request metrics handler) and the same credentials (a token is refreshed
/// and added per request), so a hand-built request is authenticated exactly like a generated one.
/// </summary>
internal static class ApiRequests
{
    /// <summary>A request to <paramref name="path"/> (relative to the server root) with <paramref name="query"/> parameters, answering JSON.</summary>
    public static HttpRequestMessage Create(Kubernetes client, HttpMethod method, string path, IReadOnlyCollection<string> query)
    {
        // BaseUri may carry a path prefix (a proxy); join by hand so it is kept.
        var uri = new Uri($"{client.BaseUri.ToString().TrimEnd('/')}/{path}{(query.Count == 0 ? "" : "?" + string.Join('&', query))}");
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>Adds the client's credentials to <paramref name="request"/> and sends it.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        Kubernetes client, HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return await client.HttpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }
}
