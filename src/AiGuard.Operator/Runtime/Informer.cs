using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// Informer keeps an <see cref="ObjectStore{T}"/> in step with the API server and tells handlers what changed:
/// a paged LIST, then a WATCH from the list's resourceVersion with bookmarks and a random 5-10 min timeout.
/// A watch that closes cleanly is resumed from the last resourceVersion seen (events and bookmarks move it);
/// 410 Gone (an ERROR event or an HTTP answer) lists again and synthesizes the adds, updates and deletes the
/// watch missed; other errors back off 0.8 s doubling to 30 s with jitter, reset after a success.
/// managedFields are dropped before caching (they are often half of an object's size), then the optional transform
/// (client-go's TransformFunc) trims each object to what the operator reads, before the store and handlers see it.
/// </summary>
public sealed class Informer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IListWatchClient<T> _client;
    private readonly InformerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RetryBackoff _backoff;
    private readonly string _name;
    private readonly Func<T, T>? _transform;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Held while the store changes and its handlers run, so handlers see events in order and a handler added
    // meanwhile neither misses nor doubles an event.
    private readonly Lock _dispatch = new();
    private readonly List<ResourceEventHandler<T>> _handlers = [];
    private string _resourceVersion = string.Empty;
    private int _running;

    /// <summary>Creates an informer over <paramref name="client"/>; call <see cref="RunAsync"/> to start it.</summary>
    /// <param name="client">LIST and WATCH.</param>
    /// <param name="options">Paging, timeouts, backoff.</param>
    /// <param name="timeProvider">Clock for backoff and watch timeouts.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="transform">
    /// Trims each listed or watched object before it is cached (deleted objects too, so handlers see one shape). It
    /// must keep metadata.name, namespace, uid and resourceVersion and everything any reader of the cache uses, and it
    /// may change the object in place (each one is freshly read).
    /// </param>
    public Informer(IListWatchClient<T> client, InformerOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null, Func<T, T>? transform = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new InformerOptions();
        Store = new ObjectStore<T>(_options.IndexNamespaces);
        if (_options.PageSize < 1 || _options.MinWatchTimeout < TimeSpan.FromSeconds(1) || _options.MaxWatchTimeout < _options.MinWatchTimeout)
        {
            throw new ArgumentException("InformerOptions need PageSize >= 1 and 1 s <= MinWatchTimeout <= MaxWatchTimeout", nameof(options));
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _backoff = new RetryBackoff(_options.InitialBackoff, _options.MaxBackoff, _options.BackoffJitter, _options.Random);
        _name = _options.Name ?? typeof(T).Name;
        _transform = transform;
    }

    /// <summary>The cache; empty until the first LIST completes.</summary>
    public ObjectStore<T> Store { get; }

    /// <summary>True once the first LIST is in the store (readiness waits for this).</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the next watch would start from (the last seen one).</summary>
    public string LastSyncResourceVersion => Volatile.Read(ref _resourceVersion);

    /// <summary>Completes when <see cref="HasSynced"/> becomes true.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Adds a handler. When objects are already cached it first receives each of them as an add, so a late handler
    /// starts from the same picture as an early one.
    /// </summary>
    public void AddEventHandler(ResourceEventHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatch)
        {
            foreach (var item in Store.List())
            {
                Invoke(handler, h => h.OnAdd?.Invoke(item));
            }

            _handlers.Add(handler);
        }
    }

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> is cancelled. Run it once.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"informer {_name} is already running");
        }

        var needList = true;
        var expiredInARow = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = false;
            try
            {
                if (needList)
                {
                    await ListAsync(cancellationToken).ConfigureAwait(false);
                    needList = false;
                    _backoff.Reset();
                }

                switch (await WatchAsync(cancellationToken).ConfigureAwait(false))
                {
                    case WatchOutcome.Healthy:
                        _backoff.Reset();
                        expiredInARow = 0;
                        break;
                    case WatchOutcome.EndedEarly:
                        wait = true;
                        break;
                    case WatchOutcome.Expired:
                        needList = true;
                        wait = ++expiredInARow > 1;
                        break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubernetesApiException gone) when (gone.IsGone)
            {
                // An HTTP 410 on the watch, or on a LIST page whose continue token expired.
                _logger.LogInformation("{Informer}: resourceVersion expired ({Message}); listing again", _name, gone.Message);
                needList = true;
                wait = ++expiredInARow > 1;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "{Informer}: {Operation} failed; retrying", _name, needList ? "list" : "watch");
                wait = true;
            }

            // Errors, a watch that ended at once, or a second expiry in a row wait with backoff, so a failing or
            // confused server is not hammered; a healthy close or a first expiry resumes immediately.
            if (wait && !await DelayAsync(cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }
    }

    private async Task<bool> DelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_backoff.Next(), _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? continueToken = null;
        string resourceVersion;
        do
        {
            var page = await _client.ListAsync(_options.Namespace, _options.LabelSelector, _options.PageSize, continueToken, cancellationToken)
                .ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                items.Add(Trimmed(item));
            }

            resourceVersion = page.ResourceVersion;
            continueToken = page.Continue;
        }
        while (continueToken is not null);

        lock (_dispatch)
        {
            var delta = Store.Replace(items);
            Volatile.Write(ref _resourceVersion, resourceVersion);
            foreach (var added in delta.Added)
            {
                Dispatch(h => h.OnAdd?.Invoke(added));
            }

            foreach (var (old, updated) in delta.Updated)
            {
                Dispatch(h => h.OnUpdate?.Invoke(old, updated));
            }

            foreach (var deleted in delta.Deleted)
            {
                Dispatch(h => h.OnDelete?.Invoke(deleted));
            }
        }

        _synced.TrySetResult();
        _logger.LogInformation("{Informer}: listed {Count} objects at resourceVersion {ResourceVersion}", _name, items.Count, resourceVersion);
    }

    private async Task<WatchOutcome> WatchAsync(CancellationToken cancellationToken)
    {
        var minSeconds = (int)_options.MinWatchTimeout.TotalSeconds;
        var maxSeconds = (int)_options.MaxWatchTimeout.TotalSeconds;
        var timeoutSeconds = _options.Random.Next(minSeconds, maxSeconds + 1);
        var started = _time.GetTimestamp();
        var events = 0;
        var stream = _client.WatchAsync(_options.Namespace, _options.LabelSelector, LastSyncResourceVersion, timeoutSeconds, true, cancellationToken);
        await foreach (var watchEvent in stream.ConfigureAwait(false))
        {
            if (watchEvent.Type == WatchEventType.Error)
            {
                var error = KubernetesApiException.FromStatus(watchEvent.Status);
                if (error.IsGone)
                {
                    _logger.LogInformation("{Informer}: watch from {ResourceVersion} expired; listing again", _name, LastSyncResourceVersion);
                    return WatchOutcome.Expired;
                }

                throw error;
            }

            if (watchEvent.Object is not { Metadata: not null } item)
            {
                _logger.LogWarning("{Informer}: ignored a {Type} watch event without an object", _name, watchEvent.Type);
                continue;
            }

            if (++events == 1)
            {
                _backoff.Reset(); // the watch made progress: a later failure starts again from the shortest delay
            }

            Apply(watchEvent.Type, watchEvent.Type == WatchEventType.Bookmark ? item : Trimmed(item));
        }

        var healthy = events > 0 || _time.GetElapsedTime(started) >= _options.MinHealthyWatch;
        return healthy ? WatchOutcome.Healthy : WatchOutcome.EndedEarly;
    }

    private void Apply(WatchEventType type, T item)
    {
        lock (_dispatch)
        {
            switch (type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    var old = Store.Upsert(item);
                    if (old is null)
                    {
                        Dispatch(h => h.OnAdd?.Invoke(item));
                    }
                    else
                    {
                        Dispatch(h => h.OnUpdate?.Invoke(old, item));
                    }

                    break;
                case WatchEventType.Deleted:
                    Store.Remove(ObjectKey.Of(item));
                    Dispatch(h => h.OnDelete?.Invoke(item));
                    break;
            }

            // Bookmarks carry only a resourceVersion; every event moves it forward.
            if (!string.IsNullOrEmpty(item.Metadata.ResourceVersion))
            {
                Volatile.Write(ref _resourceVersion, item.Metadata.ResourceVersion);
            }
        }
    }

    private T Trimmed(T item)
    {
        if (item.Metadata is { } metadata)
        {
            metadata.ManagedFields = null;
        }

        return _transform is null ? item : _transform(item);
    }

    private void Dispatch(Action<ResourceEventHandler<T>> call)
    {
        foreach (var handler in _handlers)
        {
            Invoke(handler, call);
        }
    }

    private void Invoke(ResourceEventHandler<T> handler, Action<ResourceEventHandler<T>> call)
    {
        try
        {
            call(handler);
        }
        catch (Exception ex)
        {
            // One faulty handler must not stop the cache or starve the other handlers.
            _logger.LogError(ex, "{Informer}: an event handler failed", _name);
        }
    }

    private enum WatchOutcome
    {
        Healthy,
        EndedEarly,
        Expired,
    }
}
