using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// OptionalResource caches a resource type that may not be served, such as a third-party CRD: it asks discovery
/// (<c>GET /apis/&lt;group&gt;/&lt;version&gt;</c>) at start and every <c>recheck</c> whether the resource is served,
/// runs a fresh <see cref="CachedResource{T}"/> while it is and drops it when the CRD goes away. An absent CRD costs
/// one small discovery request per interval: no watch, no error logs. The cache is published only once it has
/// synced, so readers see either nothing or a complete picture. Discovery errors other than 404 keep the last state
/// (a flaky API server must not drop and rebuild the cache).
/// </summary>
public sealed class OptionalResource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Func<CachedResource<T>> _create;
    private readonly GroupVersionDiscovery _discovery;
    private readonly ApiResource _resource;
    private readonly TimeSpan _recheck;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<Action<CachedResource<T>>> _onStart = [];
    private readonly List<Action> _onServedChanged = [];
    private volatile CachedResource<T>? _current;

    /// <summary>Creates (but does not start) the watch; <paramref name="create"/> builds a cache each time the resource becomes served.</summary>
    public OptionalResource(Kubernetes client, ApiResource resource, Func<CachedResource<T>> create, TimeSpan recheck, TimeProvider time, ILogger logger)
    {
        _discovery = new GroupVersionDiscovery(client);
        _resource = resource;
        _create = create;
        _recheck = recheck > TimeSpan.Zero ? recheck : throw new ArgumentOutOfRangeException(nameof(recheck), "the recheck interval must be positive");
        _time = time;
        _logger = logger;
    }

    /// <summary>The synced cache while the resource is served; null otherwise.</summary>
    public CachedResource<T>? Current => _current;

    /// <summary>Called with each new cache before it starts (add indexes and event handlers here). Register before <see cref="RunAsync"/>.</summary>
    public void OnStart(Action<CachedResource<T>> configure) => _onStart.Add(configure);

    /// <summary>Called after a cache was published or dropped. Register before <see cref="RunAsync"/>.</summary>
    public void OnServedChanged(Action changed) => _onServedChanged.Add(changed);

    /// <summary>Checks discovery until <paramref name="stopping"/> is cancelled, starting and stopping the cache.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        CachedResource<T>? cache = null;
        CancellationTokenSource? running = null;
        Task informers = Task.CompletedTask;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var served = await ServedAsync(stopping).ConfigureAwait(false);
                if (served == true && cache is null)
                {
                    _logger.LogInformation("{Resource} is served: watching it", _resource.CollectionPath(null));
                    cache = _create();
                    _onStart.ForEach(configure => configure(cache));
                    running = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    informers = cache.RunAsync(running.Token);
                }
                else if (served == false && cache is not null)
                {
                    _logger.LogInformation("{Resource} is no longer served: dropped its cache", _resource.CollectionPath(null));
                    await StopAsync(running!, informers).ConfigureAwait(false);
                    (cache, running) = (null, null);
                    Publish(null);
                }

                if (cache is not null && _current is null)
                {
                    // Publish as soon as the first list completes, or look again at the next interval.
                    var synced = cache.WaitForSyncAsync(stopping);
                    await Task.WhenAny(synced, Task.Delay(_recheck, _time, stopping)).ConfigureAwait(false);
                    if (synced.IsCompletedSuccessfully)
                    {
                        Publish(cache);
                        await Task.Delay(_recheck, _time, stopping).ConfigureAwait(false);
                    }
                }
                else
                {
                    await Task.Delay(_recheck, _time, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            if (running is not null)
            {
                await StopAsync(running, informers).ConfigureAwait(false);
            }

            _current = null;
        }
    }

    private void Publish(CachedResource<T>? cache)
    {
        _current = cache;
        _onServedChanged.ForEach(changed => changed());
    }

    private static async Task StopAsync(CancellationTokenSource running, Task informers)
    {
        await running.CancelAsync().ConfigureAwait(false);
        try
        {
            await informers.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        running.Dispose();
    }

    // True or false from discovery; null when discovery failed for another reason (keep the current state).
    private async Task<bool?> ServedAsync(CancellationToken stopping)
    {
        var groupVersion = $"{_resource.Group}/{_resource.Version}".TrimStart('/');
        try
        {
            var resources = await _discovery.ResourcesAsync(_resource.Group, _resource.Version, stopping).ConfigureAwait(false);
            return resources.Any(r => r.Name == _resource.Plural);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            _logger.LogWarning("discovery of {GroupVersion} failed ({Error}); keeping the current state", groupVersion, e.GetType().Name);
            return null;
        }
    }
}
