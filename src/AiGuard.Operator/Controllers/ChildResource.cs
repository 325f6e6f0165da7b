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
/// (through <see cref="RecentWrites{T}"/>); writes are create-only POSTs for new children, server-side applies and
/// merge patches preconditioned on the resourceVersion the operator saw, and uid-preconditioned deletes, so no write
/// can land on an object other than the one the operator decided is its own.
/// </summary>
public sealed class ChildResource<T> : IChildResource
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly CachedResource<T> _cache;
    private readonly Func<V1Patch, string, string, bool?, CancellationToken, Task<T>> _patch;
    private readonly ObjectCreator _creator;
    private readonly ApiResource _resource = ApiResource.For<T>();
    private readonly Func<string, string, CancellationToken, Task<T>> _read;
    private readonly Func<string, string, V1DeleteOptions, CancellationToken, Task> _delete;
    private readonly RecentWrites<T> _writes;

    /// <summary>Creates the child kind over its cache and typed API calls.</summary>
    /// <param name="kind">Kind name.</param>
    /// <param name="cache">Its cache.</param>
    /// <param name="patch">PATCH: (patch, name, namespace, force, token) → the stored object; force only for apply patches.</param>
    /// <param name="creator">POSTs new children.</param>
    /// <param name="read">GET: (name, namespace, token) → the stored object.</param>
    /// <param name="delete">DELETE: (name, namespace, options, token).</param>
    public ChildResource(
        string kind,
        CachedResource<T> cache,
        Func<V1Patch, string, string, bool?, CancellationToken, Task<T>> patch,
        ObjectCreator creator,
        Func<string, string, CancellationToken, Task<T>> read,
        Func<string, string, V1DeleteOptions, CancellationToken, Task> delete)
    {
        Kind = kind;
        _cache = cache;
        _patch = patch;
        _creator = creator;
        _read = read;
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
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> ControlledBy(string @namespace, string ownerUid) =>
        _cache.ByIndex(OperatorCaches.OwnerIndex, ownerUid)
            .Where(cached => cached.Metadata?.NamespaceProperty == @namespace)
            .Select(cached => _writes.Freshest(ObjectKey.Of(cached), cached))
            .Where(child => ChildOwnership.IsControlledBy(child, ownerUid))
            .OfType<IKubernetesObject<V1ObjectMeta>>()
            .ToList();

    /// <inheritdoc />
    public async Task<IKubernetesObject<V1ObjectMeta>?> CreateAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken)
    {
        // The sent object, with the metadata the server assigned, stands for the stored one until the cache has it.
        var created = await _creator.CreateAsync((T)desired, _resource, desired.Metadata.NamespaceProperty, cancellationToken).ConfigureAwait(false);
        return Remember(created);
    }

    /// <inheritdoc />
    public async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _read(name, @namespace, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<IKubernetesObject<V1ObjectMeta>?> ApplyAsync(
        IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta> current, CancellationToken cancellationToken)
    {
        var body = JsonNode.Parse(KubernetesJson.Serialize(desired))!.AsObject();
        Precondition(body, current);
        var meta = desired.Metadata;
        var answer = await _patch(new V1Patch(body.ToJsonString(), V1Patch.PatchType.ApplyPatch), meta.Name, meta.NamespaceProperty, true, cancellationToken)
            .ConfigureAwait(false);
        Remember(answer);
        return await UpgradeFieldOwnershipAsync(body, answer, cancellationToken).ConfigureAwait(false);
    }

    // Once per child (after the create, or a list repair): our Update entry's fields move to our Apply entry
    // (FieldOwnershipUpgrade), then the apply is repeated so that fields the plan dropped, owned by us alone now, go.
    private async Task<T?> UpgradeFieldOwnershipAsync(JsonObject applied, T? answer, CancellationToken cancellationToken)
    {
        if (answer?.Metadata is not { } meta
            || FieldOwnershipUpgrade.PatchFor(JsonNode.Parse(KubernetesJson.Serialize(answer))!.AsObject(), ApiGroup.FieldManager, out var grew) is not { } patch)
        {
            return answer;
        }

        try
        {
            var upgraded = Remember(await _patch(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), meta.Name, meta.NamespaceProperty, null, cancellationToken)
                .ConfigureAwait(false));
            if (!grew || upgraded is null)
            {
                return upgraded ?? answer;
            }

            Precondition(applied, upgraded);
            return Remember(await _patch(new V1Patch(applied.ToJsonString(), V1Patch.PatchType.ApplyPatch), meta.Name, meta.NamespaceProperty, true, cancellationToken)
                .ConfigureAwait(false));
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
        {
            // The object changed since our apply (the resourceVersion test failed): its event brings the next reconcile.
            // Never a reason to stall the model; see docs/architecture.md for the one window this leaves.
            return answer;
        }
    }

    /// <inheritdoc />
    public async Task<IKubernetesObject<V1ObjectMeta>?> ReplaceListsAsync(
        IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta> current, CancellationToken cancellationToken)
    {
        // Everything but apiVersion, kind and metadata: a merge patch replaces each list whole.
        var body = JsonNode.Parse(KubernetesJson.Serialize(desired))!.AsObject();
        body.Remove("apiVersion");
        body.Remove("kind");
        body.Remove("metadata");
        Precondition(body, current);
        var meta = desired.Metadata;
        var answer = await _patch(new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch), meta.Name, meta.NamespaceProperty, null, cancellationToken)
            .ConfigureAwait(false);
        return Remember(answer);
    }

    // metadata.resourceVersion in a patch body is an optimistic-concurrency precondition on every API server.
    private static void Precondition(JsonObject body, IKubernetesObject<V1ObjectMeta> current)
    {
        if (string.IsNullOrEmpty(current.Metadata?.ResourceVersion))
        {
            throw new ArgumentException($"{current.Metadata?.Name} has no resourceVersion to write against", nameof(current));
        }

        if (body["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            body["metadata"] = metadata;
        }

        metadata["resourceVersion"] = current.Metadata.ResourceVersion;
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
}
