namespace AiGuard.Operator.Runtime;

/// <summary>
/// IListWatchClient is the two API calls an <see cref="Informer{T}"/> needs for one resource type, so tests can
/// script pages, events, closes, 410s and errors. Failures surface as exceptions; an HTTP error is a
/// <see cref="KubernetesApiException"/>.
/// </summary>
public interface IListWatchClient<T>
{
    /// <summary>LIST one page. <paramref name="namespace"/> null lists all namespaces.</summary>
    Task<ListPage<T>> ListAsync(string? @namespace, string? labelSelector, int limit, string? continueToken, CancellationToken cancellationToken);

    /// <summary>
    /// WATCH from <paramref name="resourceVersion"/>; the sequence ends when the server closes the stream
    /// (normally after <paramref name="timeoutSeconds"/>).
    /// </summary>
    IAsyncEnumerable<WatchEvent<T>> WatchAsync(
        string? @namespace,
        string? labelSelector,
        string resourceVersion,
        int timeoutSeconds,
        bool allowBookmarks,
        CancellationToken cancellationToken);
}
