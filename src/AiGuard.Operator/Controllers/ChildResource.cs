using System.Net;
using System.Text.Json.Nodes;
using AiGuard.Api;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// ChildResource is <see cref="IChildResource"/> for one typed kind: reads go to the <see cref="CachedResource{T}"/>
/// (through <see cref="RecentWrites{T}"/>), writes are server-side applies and uid-preconditioned deletes.
/// </summary>
public sealed class ChildResource<T> : IChildResource
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly CachedResource<T> _cache;
    private readonly Func<V1Patch, string, string, bool?, CancellationToken, Task<T>> _patch;
    private readonly Func<string, string, V1DeleteOptions, CancellationToken, Task> _delete;
    private readonly RecentWrites<T> _writes;

    /// <summary>Creates the child kind over its cache and typed API calls.</summary>
    /// <param name="kind">Kind name.</param>
    /// <param name="cache">Its cache.</param>
    /// <param name="patch">PATCH: (patch, name, namespace, force, token) → the stored object; force only for apply patches.</param>
    /// <param name="delete">DELETE: (name, namespace, options, token).</param>
    public ChildResource(
        string kind,
        CachedResource<T> cache,
        Func<V1Patch, string, string, bool?, CancellationToken, Task<T>> patch,
        Func<string, string, V1DeleteOptions, CancellationToken, Task> delete)
    {
        Kind = kind;
        _cache = cache;
        _patch = patch;
        _delete = delete;
        _writes = RecentWrites<T>.Tracking(cache);
    }

    /// <inheritdoc />
    public string Kind { get; }

    /// <inheritdoc />
    public bool Holds(IKubernetesObject<V1ObjectMeta> child) => child is T;

    /// <inheritdoc />
    public IKubernetesObject<V1ObjectMeta>? Observed(string @namespace, string name) =>
        _writes.Freshest(new ObjectKey(@namespace, name), _cache.Get(@namespace, name));

    /// <inheritdoc />
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> OwnedBy(string ownerUid) =>
        _cache.ByIndex(OperatorCaches.OwnerIndex, ownerUid)
            .Where(IsManaged)
            .Select(cached => _writes.Freshest(ObjectKey.Of(cached), cached))
            .OfType<IKubernetesObject<V1ObjectMeta>>()
            .ToList();

    /// <inheritdoc />
    public async Task<IKubernetesObject<V1ObjectMeta>?> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken)
    {
        var meta = desired.Metadata;
        var answer = await _patch(new V1Patch(desired, V1Patch.PatchType.ApplyPatch), meta.Name, meta.NamespaceProperty, true, cancellationToken)
            .ConfigureAwait(false);
        return Remember(answer);
    }

    /// <inheritdoc />
    public async Task<IKubernetesObject<V1ObjectMeta>?> ReplaceListsAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken)
    {
        // Everything but apiVersion, kind and metadata: a merge patch replaces each list whole.
        var body = JsonNode.Parse(KubernetesJson.Serialize(desired))!.AsObject();
        body.Remove("apiVersion");
        body.Remove("kind");
        body.Remove("metadata");
        var meta = desired.Metadata;
        var answer = await _patch(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), meta.Name, meta.NamespaceProperty, null, cancellationToken)
            .ConfigureAwait(false);
        return Remember(answer);
    }

    private T? Remember(T? answer)
    {
        if (answer?.Metadata is not null)
        {
            _writes.Written(answer);
        }

        return answer;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(IKubernetesObject<V1ObjectMeta> observed, CancellationToken cancellationToken)
    {
        var meta = observed.Metadata;
        var options = new V1DeleteOptions
        {
            PropagationPolicy = "Background",
            Preconditions = string.IsNullOrEmpty(meta.Uid) ? null : new V1Preconditions { Uid = meta.Uid },
        };
        try
        {
            await _delete(meta.Name, meta.NamespaceProperty, options, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone, or replaced by a newer object of the same name (uid precondition): nothing of ours to delete.
        }

        _writes.Deleted(ObjectKey.Of(observed), meta.Uid);
    }

    private static bool IsManaged(T obj) =>
        obj.Metadata?.Labels is { } labels && labels.TryGetValue(ApiGroup.ManagedByLabel, out var v) && v == ApiGroup.ManagedByValue;
}
