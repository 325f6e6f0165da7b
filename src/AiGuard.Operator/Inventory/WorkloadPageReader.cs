using System.Text.Json;
using System.Text.Json.Serialization;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Inventory;

/// <summary>
/// WorkloadPageReader LISTs one page of a workload kind for the shadow-AI scan and reads the response body as a
/// stream into the <see cref="ScanJson"/> projection: no string of the whole page, no full objects, no interned
/// strings. At most one page of projected objects is alive at a time. Requests go through <see cref="ApiRequests"/>,
/// like the informers' client: the same HTTP pipeline and credentials.
/// </summary>
internal sealed class WorkloadPageReader<T>(Kubernetes client, string kind)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ApiResource _resource = ApiResource.For<T>();

    /// <summary>
    /// One page of <typeparamref name="T"/> in <paramref name="namespace"/> (null: all namespaces). A body that is not
    /// a valid list throws <see cref="InvalidDataException"/> naming the kind and the JSON position, never the payload.
    /// </summary>
    public async Task<ListPage<T>> ReadAsync(string? @namespace, int limit, string? continueToken, CancellationToken cancellationToken)
    {
        var path = _resource.CollectionPath(@namespace);
        string[] query = string.IsNullOrEmpty(continueToken)
            ? [$"limit={limit}"]
            : [$"limit={limit}", "continue=" + Uri.EscapeDataString(continueToken)];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(client.HttpClientTimeout);

        using var request = ApiRequests.Create(client, HttpMethod.Get, path, query);
        using var response = await ApiRequests.SendAsync(client, request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, path, timeout.Token).ConfigureAwait(false);
        }

        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
        ObjectList? list;
        try
        {
            list = await JsonSerializer.DeserializeAsync<ObjectList>(body, ScanJson.Options, timeout.Token).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"LIST {path}: the {kind} page is not a valid list at {e.Path ?? "$"} (line {e.LineNumber}, byte {e.BytePositionInLine})");
        }

        if (list is null)
        {
            throw new InvalidDataException($"LIST {path}: the {kind} page is empty");
        }

        return new ListPage<T>(
            list.Items ?? [],
            list.Metadata?.ResourceVersion ?? string.Empty,
            string.IsNullOrEmpty(list.Metadata?.ContinueProperty) ? null : list.Metadata.ContinueProperty);
    }

    private static async Task<KubernetesApiException> FailureAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        // Only a Status object's reason and message are reported: anything else in an error body (a proxy's page) is not.
        V1Status? status = null;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            status = await JsonSerializer.DeserializeAsync<V1Status>(body, ScanJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Not a Status object.
        }

        return new KubernetesApiException((int)response.StatusCode, status?.Reason ?? response.ReasonPhrase, $"GET /{path}: {status?.Message ?? $"HTTP {(int)response.StatusCode}"}");
    }

    private sealed class ObjectList
    {
        [JsonPropertyName("metadata")]
        public V1ListMeta? Metadata { get; set; }

        [JsonPropertyName("items")]
        public List<T>? Items { get; set; }
    }
}
