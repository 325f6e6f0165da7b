using k8s;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// ObjectKey names one Kubernetes object: namespace and name (namespace null for cluster-scoped objects).
/// It is the key of the cache and, for the reconciler, of the work queue. Prints as <c>namespace/name</c>.
/// </summary>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    /// <summary>The key of <paramref name="obj"/>.</summary>
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var meta = obj.Metadata ?? throw new ArgumentException("object has no metadata", nameof(obj));
        return new ObjectKey(string.IsNullOrEmpty(meta.NamespaceProperty) ? null : meta.NamespaceProperty, meta.Name ?? string.Empty);
    }

    /// <summary><c>namespace/name</c>, or <c>name</c> for cluster-scoped objects.</summary>
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
