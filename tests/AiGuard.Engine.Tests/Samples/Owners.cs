using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s;
using k8s.Models;

namespace AiGuard.Engine.Tests.Samples;

/// <summary>Owners gives test objects controller ownerReferences and lists the ModelDeployments that exist.</summary>
public static class Owners
{
    public const string ModelUid = "5f1c2a9e-0000-4000-8000-000000000001";

    /// <summary>The built model as it exists in the cluster.</summary>
    public static readonly ModelDeploymentIdentity Model = new(ModelDeploymentBuilder.Namespace, ModelDeploymentBuilder.Name, ModelUid);

    /// <summary>Sets a controller ownerReference on <paramref name="obj"/> (to the built model by default) and returns it.</summary>
    public static T ControlledBy<T>(this T obj, string name = ModelDeploymentBuilder.Name, string uid = ModelUid, string kind = ModelDeployment.KubeKind, string apiVersion = ApiGroup.GroupVersion, bool controller = true)
        where T : IMetadata<V1ObjectMeta>
    {
        obj.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = uid, Controller = controller }];
        return obj;
    }

    /// <summary>Sets the operator's managed-by label, which anyone can do.</summary>
    public static T LabelledManaged<T>(this T obj)
        where T : IMetadata<V1ObjectMeta>
    {
        obj.Metadata.Labels = new Dictionary<string, string> { [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue };
        return obj;
    }

    /// <summary>Observations holding the given objects, where only the built model exists.</summary>
    public static ClusterObservations Cluster(
        IReadOnlyList<V1NetworkPolicy>? policies = null,
        IReadOnlyList<V1RoleBinding>? roleBindings = null,
        IReadOnlyList<V1ClusterRoleBinding>? clusterRoleBindings = null,
        IReadOnlyList<ModelDeploymentIdentity>? modelDeployments = null) =>
        new(policies ?? [], roleBindings ?? [], clusterRoleBindings ?? [], modelDeployments ?? [Model]);
}
