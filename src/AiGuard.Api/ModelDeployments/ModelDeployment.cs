using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AiGuard.Api.ModelDeployments;

/// <summary>ModelDeployment is one model served in one namespace, and everything that keeps it safe.</summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KubeKind, PluralName = Plural)]
[Description("ModelDeployment is one AI model served in one namespace, and everything that keeps it safe.")]
public sealed class ModelDeployment : IKubernetesObject<V1ObjectMeta>, ISpec<ModelDeploymentSpec>
{
    public const string KubeKind = "ModelDeployment";
    public const string Plural = "modeldeployments";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ApiGroup.GroupVersion;
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    [Required]
    [Description("The model, how it is served, and the guardrails it needs.")]
    [JsonPropertyName("spec")] public ModelDeploymentSpec Spec { get; set; } = new();

    [Description("What the operator observed and decided; written only through the status subresource.")]
    [JsonPropertyName("status")] public ModelDeploymentStatus? Status { get; set; }
}
