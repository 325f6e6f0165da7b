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

        using var response = await ApiRequests.GetAsync(client, path, query, timeout.Token).ConfigureAwait(false);

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

    private sealed class ObjectList
    {
        [JsonPropertyName("metadata")]
        public V1ListMeta? Metadata { get; set; }

        [JsonPropertyName("items")]
        public List<T>? Items { get; set; }
    }
}
