using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

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

    /// <summary>
    /// Sends <paramref name="request"/> within the client's timeout and returns the answer's bytes when it succeeded;
    /// otherwise throws what KubernetesClient's generated calls throw (<see cref="HttpOperationException"/> with the
    /// status code, headers and Status body), so callers sort failures the same way. The exception never carries the
    /// request body, which for a Secret holds secret data.
    /// </summary>
    public static async Task<byte[]> AnswerAsync(Kubernetes client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(client.HttpClientTimeout);
        using var response = await SendAsync(client, request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        var answer = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
            {
                Request = new HttpRequestMessageWrapper(request, null),
                Response = new HttpResponseMessageWrapper(response, Encoding.UTF8.GetString(answer)),
            };
        }

        return answer;
    }

    /// <summary>
    /// Sends a GET of <paramref name="path"/> and returns the response when it succeeded. Otherwise throws a
    /// <see cref="KubernetesApiException"/> with the status code, the Status object's reason and message, or (a proxy's
    /// page, say) the start of the body.
    /// </summary>
    public static async Task<HttpResponseMessage> GetAsync(
        Kubernetes client, string path, IReadOnlyCollection<string> query, CancellationToken cancellationToken)
    {
        using var request = Create(client, HttpMethod.Get, path, query);
        var response = await SendAsync(client, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            V1Status? status = null;
            try
            {
                status = KubernetesJson.Deserialize<V1Status>(text);
            }
            catch (JsonException)
            {
                // Not a Status object: report the code and the start of the body.
            }

            var message = status?.Message ?? (text.Length > 200 ? text[..200] : text);
            throw new KubernetesApiException((int)response.StatusCode, status?.Reason ?? response.ReasonPhrase, $"GET /{path}: {message}");
        }
    }
}
