using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// CachedResource is the operator's cache of one resource type: one <see cref="Informer{T}"/> for all namespaces,
/// or one per watched namespace when the operator is restricted to a namespace list. Reads never hit the API.
/// </summary>
public sealed class CachedResource<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IReadOnlyList<Informer<T>> _informers;
    private readonly Dictionary<string, Informer<T>>? _byNamespace;

    /// <summary>Creates informers for <typeparamref name="T"/>; <paramref name="namespaces"/> empty or null means cluster-wide;
    /// <paramref name="transform"/> trims each object before it is cached (see <see cref="Informer{T}"/>).</summary>
    public CachedResource(
        Kubernetes client,
        IReadOnlyList<string>? namespaces,
        string? labelSelector,
        InformerOptions template,
        TimeProvider time,
        ILoggerFactory loggers,
        ApiResource? resource = null,
        Func<T, T>? transform = null)
    {
        var listWatch = new KubernetesListWatchClient<T>(client, resource);
        var logger = loggers.CreateLogger($"AiGuard.Operator.Informer.{typeof(T).Name}");
        if (namespaces is null || namespaces.Count == 0)
        {
            _informers = [new Informer<T>(listWatch, template with { Namespace = null, LabelSelector = labelSelector, Name = typeof(T).Name }, time, logger, transform)];
        }
        else
        {
            _byNamespace = namespaces.Distinct(StringComparer.Ordinal).ToDictionary(
                ns => ns,
                ns => new Informer<T>(listWatch, template with { Namespace = ns, LabelSelector = labelSelector, Name = $"{typeof(T).Name}/{ns}" }, time, logger, transform),
                StringComparer.Ordinal);
            _informers = [.. _byNamespace.Values];
        }
    }

    /// <summary>True once every informer listed once.</summary>
    public bool HasSynced => _informers.All(i => i.HasSynced);

    /// <summary>The informers (one, or one per namespace).</summary>
    public IReadOnlyList<Informer<T>> Informers => _informers;

    /// <summary>Runs every informer until <paramref name="stopping"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(_informers.Select(i => i.RunAsync(stopping)));

    /// <summary>Completes when every informer has synced.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_informers.Select(i => i.WaitForSyncAsync(cancellationToken)));

    /// <summary>Adds an index to every informer's store (before starting).</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexer)
    {
        foreach (var informer in _informers)
        {
            informer.Store.AddIndex(name, indexer);
        }
    }

    /// <summary>Adds an event handler to every informer.</summary>
    public void AddEventHandler(ResourceEventHandler<T> handler)
    {
        foreach (var informer in _informers)
        {
            informer.AddEventHandler(handler);
        }
    }

    /// <summary>The cached object, or null (namespace null for cluster-scoped objects).</summary>
    public T? Get(string? @namespace, string name) => StoreFor(@namespace)?.Get(@namespace, name);

    /// <summary>Every cached object of <paramref name="namespace"/>.</summary>
    public IReadOnlyList<T> List(string @namespace) => StoreFor(@namespace)?.List(@namespace) ?? [];

    /// <summary>Every cached object.</summary>
    public IReadOnlyList<T> List() => _informers.Count == 1 ? _informers[0].Store.List() : [.. _informers.SelectMany(i => i.Store.List())];

    /// <summary>Cached objects an index files under <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string index, string value) =>
        _informers.Count == 1 ? _informers[0].Store.ByIndex(index, value) : [.. _informers.SelectMany(i => i.Store.ByIndex(index, value))];

    private ObjectStore<T>? StoreFor(string? @namespace)
    {
        if (_byNamespace is null)
        {
            return _informers[0].Store;
        }

        return @namespace is not null && _byNamespace.TryGetValue(@namespace, out var informer) ? informer.Store : null;
    }
}
