using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s.Models;

namespace AiGuard.Engine.Inventory;

/// <summary>
/// ModelDeploymentControl decides whether a workload is one a ModelDeployment legitimately controls, so shadow-AI
/// detection can leave it out. Anyone who may create a Deployment may also write any ownerReference and label on
/// it, so neither proves anything alone (controls.md, "Ownership"). A workload counts as managed only when
/// <list type="bullet">
/// <item>it is a Deployment (the operator creates no StatefulSet, DaemonSet or bare Pod),</item>
/// <item>its controller ownerReference is a ModelDeployment of aiguard.io,</item>
/// <item>that reference's name and uid name a ModelDeployment that exists in the workload's namespace, and</item>
/// <item>the Deployment has the name the operator gives that model's Deployment (the model's own name).</item>
/// </list>
/// The last rule stops a tenant who owns one ModelDeployment from copying its ownerReference onto a second,
/// unguarded inference Deployment to hide it.
/// </summary>
internal static class ModelDeploymentControl
{
    /// <summary>The ModelDeployment controller reference of <paramref name="metadata"/>, whether or not it is genuine.</summary>
    public static V1OwnerReference? ClaimedModel(V1ObjectMeta metadata) =>
        Controller(metadata) is { Kind: ModelDeployment.KubeKind } owner && GroupOf(owner.ApiVersion) == ApiGroup.Group ? owner : null;

    /// <summary>The controller ownerReference of <paramref name="metadata"/>, or null.</summary>
    public static V1OwnerReference? Controller(V1ObjectMeta metadata) =>
        metadata.OwnerReferences?.FirstOrDefault(r => r is { Controller: true });

    /// <summary>True when the workload is the Deployment a live ModelDeployment controls (see the type's rules).</summary>
    public static bool IsManaged(string kind, V1ObjectMeta metadata, string @namespace, Func<ModelDeploymentIdentity, bool> isLiveModel) =>
        kind == V1Deployment.KubeKind
        && ClaimedModel(metadata) is { Name: { Length: > 0 } modelName, Uid: { Length: > 0 } uid }
        && metadata.Name == modelName
        && isLiveModel(new ModelDeploymentIdentity(@namespace, modelName, uid));

    private static string GroupOf(string? apiVersion)
    {
        var slash = apiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash < 0 ? string.Empty : apiVersion![..slash];
    }
}
