using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AiGuard.Api.Policies;

/// <summary>GuardPolicy is a cluster-scoped set of guardrails for the ModelDeployments of the namespaces it selects.</summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KubeKind, PluralName = Plural)]
[Description("GuardPolicy sets guardrails for the ModelDeployments of the namespaces it selects. Several may apply; the strictest wins.")]
public sealed class GuardPolicy : IKubernetesObject<V1ObjectMeta>, ISpec<GuardPolicySpec>
{
    public const string KubeKind = "GuardPolicy";
    public const string Plural = "guardpolicies";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ApiGroup.GroupVersion;
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    [Required]
    [Description("The guardrails; every part is optional and has a secure default.")]
    [JsonPropertyName("spec")] public GuardPolicySpec Spec { get; set; } = new();

    [Description("How many ModelDeployments the policy governs; written by the operator.")]
    [JsonPropertyName("status")] public GuardPolicyStatus? Status { get; set; }
}
