using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>IChildResource reads one kind of managed child from the cache and writes it to the API server.</summary>
public interface IChildResource
{
    /// <summary>The kind, e.g. NetworkPolicy.</summary>
    string Kind { get; }

    /// <summary>True when <paramref name="child"/> is of this kind.</summary>
    bool Holds(IKubernetesObject<V1ObjectMeta> child);

    /// <summary>The freshest known state of the child (cache or the operator's own recent write), or null.</summary>
    IKubernetesObject<V1ObjectMeta>? Observed(string @namespace, string name);

    /// <summary>Managed children of this kind whose owner has <paramref name="ownerUid"/>.</summary>
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> OwnedBy(string ownerUid);

    /// <summary>Server-side applies <paramref name="desired"/> (field manager aiguard-operator, force); returns the stored object.</summary>
    Task<IKubernetesObject<V1ObjectMeta>?> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken);

    /// <summary>
    /// Merge-patches everything but metadata of <paramref name="desired"/>, which replaces lists whole: the repair when
    /// another manager added list entries (a Service port, a Role rule) that an apply leaves in place because it does not own them.
    /// </summary>
    Task<IKubernetesObject<V1ObjectMeta>?> ReplaceListsAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken);

    /// <summary>Deletes <paramref name="observed"/> (only that uid); a missing object is not an error.</summary>
    Task DeleteAsync(IKubernetesObject<V1ObjectMeta> observed, CancellationToken cancellationToken);
}
