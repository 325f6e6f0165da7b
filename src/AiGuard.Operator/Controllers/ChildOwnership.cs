using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// ChildOwnership decides whether an object is a ModelDeployment's own child: it has a controller ownerReference
/// to that ModelDeployment's uid. Labels such as app.kubernetes.io/managed-by prove nothing (anyone may set them),
/// so the operator never writes, repairs or deletes an object on the strength of a label (controls.md, "Ownership").
/// </summary>
public static class ChildOwnership
{
    /// <summary>True when <paramref name="obj"/> has a controller ownerReference to the ModelDeployment with <paramref name="ownerUid"/>.</summary>
    public static bool IsControlledBy(IKubernetesObject<V1ObjectMeta>? obj, string? ownerUid) =>
        !string.IsNullOrEmpty(ownerUid) && Controller(obj) is { } owner && owner.Uid == ownerUid;

    /// <summary>The ModelDeployment controller reference of <paramref name="obj"/>, or null.</summary>
    private static V1OwnerReference? Controller(IKubernetesObject<V1ObjectMeta>? obj) =>
        obj?.Metadata?.OwnerReferences?.FirstOrDefault(r =>
            r is { Controller: true } && r.Kind == ModelDeployment.KubeKind && GroupOf(r.ApiVersion) == ApiGroup.Group);

    private static string GroupOf(string? apiVersion) =>
        apiVersion is null ? string.Empty : apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
}
