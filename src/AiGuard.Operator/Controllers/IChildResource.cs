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

    /// <summary>
    /// Cached children of this kind in <paramref name="namespace"/> controlled by the ModelDeployment with
    /// <paramref name="ownerUid"/> (see <see cref="ChildOwnership"/>); an ownerReference never reaches across namespaces.
    /// </summary>
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> ControlledBy(string @namespace, string ownerUid);

    /// <summary>
    /// Creates <paramref name="desired"/> with a POST, which the server refuses with 409 AlreadyExists when any object of
    /// that name exists: the create never touches an object the cache cannot see. Returns the stored object.
    /// </summary>
    Task<IKubernetesObject<V1ObjectMeta>?> CreateAsync(IKubernetesObject<V1ObjectMeta> desired, CancellationToken cancellationToken);

    /// <summary>Reads the object from the API server (only after a create found a name taken); null when it is gone.</summary>
    Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Server-side applies <paramref name="desired"/> (field manager aiguard-operator, force) onto <paramref name="current"/>,
    /// with its resourceVersion as precondition: if the object changed or was replaced since it was seen (maybe by an
    /// object the operator does not control), the server answers 409 and nothing is written. When the answer shows fields the
    /// operator owns through a plain write (its create), they first move to its apply entry (<see cref="FieldOwnershipUpgrade"/>)
    /// and the apply is repeated, so fields the plan dropped are removed. Returns the stored object.
    /// </summary>
    Task<IKubernetesObject<V1ObjectMeta>?> ApplyAsync(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta> current, CancellationToken cancellationToken);

    /// <summary>
    /// Merge-patches everything but metadata of <paramref name="desired"/>, which replaces lists whole: the repair when
    /// another manager added list entries (a Service port, a Role rule) that an apply leaves in place because it does not
    /// own them. <paramref name="current"/>'s resourceVersion is the precondition, as for <see cref="ApplyAsync"/>.
    /// </summary>
    Task<IKubernetesObject<V1ObjectMeta>?> ReplaceListsAsync(IKubernetesObject<V1ObjectMeta> desired, IKubernetesObject<V1ObjectMeta> current, CancellationToken cancellationToken);

    /// <summary>Deletes <paramref name="observed"/> (only that uid); a missing object is not an error.</summary>
    Task DeleteAsync(IKubernetesObject<V1ObjectMeta> observed, CancellationToken cancellationToken);
}
