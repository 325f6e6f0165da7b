using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// PlanningContext holds what every child plan needs from the ModelDeployment: its name, namespace, serving port,
/// and the metadata (labels, controller ownerReference) every child carries.
/// </summary>
internal sealed class PlanningContext
{
    public const string DefaultNamespace = "default";

    public PlanningContext(ModelDeployment model, Assessment assessment)
    {
        Model = model;
        Assessment = assessment;
        Name = model.Metadata?.Name ?? "";
        Namespace = string.IsNullOrEmpty(model.Metadata?.NamespaceProperty) ? DefaultNamespace : model.Metadata.NamespaceProperty;
        ServingPort = model.Spec?.Serving?.Port ?? ServingSpec.DefaultPort;
    }

    public ModelDeployment Model { get; }

    public Assessment Assessment { get; }

    public ModelDeploymentSpec Spec => Model.Spec ?? new ModelDeploymentSpec();

    /// <summary>metadata.name of the ModelDeployment: the name of most children.</summary>
    public string Name { get; }

    /// <summary>metadata.namespace, or <c>default</c> when absent.</summary>
    public string Namespace { get; }

    /// <summary>spec.serving.port, or 8080.</summary>
    public int ServingPort { get; }

    /// <summary>The three labels every child carries (also on the pods).</summary>
    public Dictionary<string, string> ChildLabels() => new()
    {
        [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue,
        [ApiGroup.NameLabel] = Name,
        [ApiGroup.ModelDeploymentLabel] = Name,
    };

    /// <summary>The label the Deployment, Service and NetworkPolicy select the model's pods by.</summary>
    public Dictionary<string, string> PodSelectorLabels() => new() { [ApiGroup.ModelDeploymentLabel] = Name };

    /// <summary>Metadata for a child: name, namespace, labels and the controller ownerReference; nothing server-set.</summary>
    public V1ObjectMeta ChildMetadata(string name) => new()
    {
        Name = name,
        NamespaceProperty = Namespace,
        Labels = ChildLabels(),
        OwnerReferences =
        [
            new V1OwnerReference
            {
                ApiVersion = ApiGroup.GroupVersion,
                Kind = ModelDeployment.KubeKind,
                Name = Name,
                // The operator always plans from a stored object, so uid is known; offline renderings may lack it.
                Uid = Model.Metadata?.Uid,
                Controller = true,
                BlockOwnerDeletion = true,
            },
        ],
    };
}
