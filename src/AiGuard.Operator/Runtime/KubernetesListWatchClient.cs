using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// KubernetesListWatchClient lists and watches one resource type over KubernetesClient's configured HTTP pipeline
/// (TLS, client certificates and token refresh come from the <see cref="Kubernetes"/> instance). It builds the
/// REST paths itself, so the core group (<c>/api/v1</c>) and every other group work the same, and it reads the watch
/// stream line by line (<see cref="WatchLines"/>, from the received bytes) so ERROR events and HTTP 410 reach the informer as data, not as swallowed callbacks. Objects are
/// read with <see cref="CacheJson"/>, which shares repeated strings and label maps between cached objects.
/// </summary>
public sealed class KubernetesListWatchClient<T> : IListWatchClient<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    // A watch the server should have closed after timeoutSeconds is abandoned this much later (a dead connection).
    private static readonly TimeSpan WatchGrace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest watch event line read. The API server stores objects of at most about 1.5 MiB (etcd's request
    /// limit), so a line ten times that long without its newline is a broken or hostile server, and the watch fails
    /// (the informer relists after its backoff) instead of buffering it until the operator runs out of memory.
    /// </summary>
    internal const int MaxEventBytes = 16 * 1024 * 1024;

    private readonly Kubernetes _client;
    private readonly ApiResource _resource;

    /// <summary>Creates a client for <paramref name="resource"/> (default: read from <typeparamref name="T"/>'s [KubernetesEntity]).</summary>
    public KubernetesListWatchClient(Kubernetes client, ApiResource? resource = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _resource = resource ?? ApiResource.For<T>();
    }

    /// <inheritdoc />
    public async Task<ListPage<T>> ListAsync(string? @namespace, string? labelSelector, int limit, string? continueToken, CancellationToken cancellationToken)
    {
        var query = new List<string> { $"limit={limit}" };
        AddParameter(query, "continue", continueToken);
        AddParameter(query, "labelSelector", labelSelector);

        // HttpClient.Timeout is infinite (watches need that); a plain request gets the client's configured timeout.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_client.HttpClientTimeout);
        using var response = await ApiRequests.GetAsync(_client, _resource.CollectionPath(@namespace), query, timeout.Token).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        var list = CacheJson.Deserialize<ObjectList>(body)
            ?? throw new KubernetesApiException($"LIST /{_resource.CollectionPath(@namespace)} returned an empty body");
        return new ListPage<T>(
            list.Items ?? [],
            list.Metadata?.ResourceVersion ?? string.Empty,
            string.IsNullOrEmpty(list.Metadata?.ContinueProperty) ? null : list.Metadata.ContinueProperty);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string? @namespace,
        string? labelSelector,
        string resourceVersion,
        int timeoutSeconds,
        bool allowBookmarks,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new List<string> { "watch=true", $"timeoutSeconds={timeoutSeconds}" };
        AddParameter(query, "resourceVersion", resourceVersion);
        AddParameter(query, "labelSelector", labelSelector);
        if (allowBookmarks)
        {
            query.Add("allowWatchBookmarks=true");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds) + WatchGrace);
        using var response = await ApiRequests.GetAsync(_client, _resource.CollectionPath(@namespace), query, deadline.Token).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
        var pipe = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var read = await pipe.ReadAsync(deadline.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                // Each event is fully read before it is handed out, so nothing refers to the buffer after AdvanceTo.
                while (WatchLines.TryReadLine(ref buffer, out var line))
                {
                    if (!WatchLines.IsBlank(line))
                    {
                        yield return WatchLines.Parse<T>(line);
                    }
                }

                if (buffer.Length > MaxEventBytes)
                {
                    throw new KubernetesApiException(
                        $"WATCH /{_resource.CollectionPath(@namespace)}: an event is longer than {MaxEventBytes / (1024 * 1024)} MiB without a line end; the watch is abandoned");
                }

                if (read.IsCompleted)
                {
                    // The server may end the stream without a final newline.
                    if (!WatchLines.IsBlank(buffer))
                    {
                        yield return WatchLines.Parse<T>(buffer);
                    }

                    break;
                }

                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static void AddParameter(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private sealed class ObjectList
    {
        [JsonPropertyName("metadata")]
        public V1ListMeta? Metadata { get; set; }

        [JsonPropertyName("items")]
        public List<T>? Items { get; set; }
    }
}
