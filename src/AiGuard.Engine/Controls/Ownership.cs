using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s.Models;

namespace AiGuard.Engine.Controls;

/// <summary>
/// Ownership decides whether a ModelDeployment controls an object (controls.md, "Ownership"): the object has a
/// controller ownerReference whose kind, name and uid match a ModelDeployment that exists in the object's namespace.
/// Labels prove nothing (anyone who may create the object may set them), and neither does an ownerReference to a
/// uid that no existing ModelDeployment of that namespace has.
/// </summary>
public static class Ownership
{
    /// <summary>True when a ModelDeployment in <paramref name="existing"/> controls the object.</summary>
    /// <param name="metadata">The object's metadata.</param>
    /// <param name="objectNamespace">The object's namespace; null for a cluster-scoped object, which no namespaced owner can control.</param>
    /// <param name="existing">The ModelDeployments that exist (at least those of <paramref name="objectNamespace"/>).</param>
    public static bool IsControlledByModelDeployment(V1ObjectMeta? metadata, string? objectNamespace, IEnumerable<ModelDeploymentIdentity?>? existing)
    {
        if (string.IsNullOrEmpty(objectNamespace) || Controller(metadata) is not { } owner)
        {
            return false;
        }

        return owner.Kind == ModelDeployment.KubeKind
            && IsAiGuardGroup(owner.ApiVersion)
            && !string.IsNullOrEmpty(owner.Uid)
            && (existing ?? []).Any(md => md is not null
                && md.Namespace == objectNamespace
                && md.Name == owner.Name
                && md.Uid == owner.Uid);
    }

    /// <summary>
    /// True when a ModelDeployment in <paramref name="existing"/> controls the object AND the object has a name the
    /// planner gives that kind of child (<paramref name="childNames"/> of the owner's name). A ModelDeployment's uid is
    /// readable by anyone who may read the model, so a copied ownerReference alone could make a user's own permissive
    /// NetworkPolicy or binding look like the operator's child; the operator only ever creates children under the
    /// names the plan gives them, so an object with the right owner and another name is still foreign.
    /// </summary>
    /// <param name="metadata">The object's metadata.</param>
    /// <param name="objectNamespace">The object's namespace.</param>
    /// <param name="existing">The ModelDeployments that exist.</param>
    /// <param name="childNames">The names the planner gives this kind of child of the named ModelDeployment.</param>
    public static bool IsPlannedChildOfModelDeployment(
        V1ObjectMeta? metadata, string? objectNamespace, IEnumerable<ModelDeploymentIdentity?>? existing, Func<string, IEnumerable<string>> childNames) =>
        IsControlledByModelDeployment(metadata, objectNamespace, existing)
        && Controller(metadata) is { Name: { } owner }
        && childNames(owner).Contains(metadata?.Name, StringComparer.Ordinal);

    /// <summary>The object's controller ownerReference (at most one exists), or null.</summary>
    public static V1OwnerReference? Controller(V1ObjectMeta? metadata) =>
        (metadata?.OwnerReferences ?? []).FirstOrDefault(r => r is not null && r.Controller == true);

    // Any served version of the group: ownerReferences keep the version they were written with.
    private static bool IsAiGuardGroup(string? apiVersion) =>
        apiVersion is not null && apiVersion.StartsWith(ApiGroup.Group + "/", StringComparison.Ordinal);
}
