using k8s;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>ObjectIndexers are ready-made index functions for <see cref="ObjectStore{T}.AddIndex"/>.</summary>
public static class ObjectIndexers
{
    /// <summary>Index name conventionally used with <see cref="OwnerUid"/>.</summary>
    public const string OwnerUidIndex = "owner-uid";

    /// <summary>Files an object under its namespace ("" for cluster-scoped objects).</summary>
    public static IEnumerable<string> Namespace(IKubernetesObject<V1ObjectMeta> obj) =>
        [obj.Metadata?.NamespaceProperty ?? string.Empty];

    /// <summary>Files an object under the uid of each of its owners (how children find their ModelDeployment).</summary>
    public static IEnumerable<string> OwnerUid(IKubernetesObject<V1ObjectMeta> obj) =>
        obj.Metadata?.OwnerReferences?.Select(owner => owner.Uid).Where(uid => !string.IsNullOrEmpty(uid)) ?? [];

    /// <summary>Files an object under the value of its label <paramref name="labelKey"/>, if it has it.</summary>
    public static Func<IKubernetesObject<V1ObjectMeta>, IEnumerable<string>> Label(string labelKey) =>
        obj => obj.Metadata?.Labels is { } labels && labels.TryGetValue(labelKey, out var value) ? [value] : [];
}
