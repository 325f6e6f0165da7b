using k8s;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>What a relist changed in an <see cref="ObjectStore{T}"/>: the events the informer synthesizes.</summary>
internal sealed record StoreDelta<T>(IReadOnlyList<T> Added, IReadOnlyList<(T Old, T New)> Updated, IReadOnlyList<T> Deleted)
    where T : class, IKubernetesObject<V1ObjectMeta>;
