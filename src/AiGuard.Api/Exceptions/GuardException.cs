using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AiGuard.Api.Exceptions;

/// <summary>GuardException is a time-boxed, justified waiver of controls for ModelDeployments of one namespace.</summary>
[KubernetesEntity(Group = ApiGroup.Group, ApiVersion = ApiGroup.Version, Kind = KubeKind, PluralName = Plural)]
[Description("GuardException is a time-boxed, justified waiver of named controls for ModelDeployments in its namespace.")]
public sealed class GuardException : IKubernetesObject<V1ObjectMeta>, ISpec<GuardExceptionSpec>
{
    public const string KubeKind = "GuardException";
    public const string Plural = "guardexceptions";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = ApiGroup.GroupVersion;
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();

    [Required]
    [Description("What is waived, why, by whom and until when.")]
    [JsonPropertyName("spec")] public GuardExceptionSpec Spec { get; set; } = new();

    [Description("Whether the waiver is in force; written by the operator.")]
    [JsonPropertyName("status")] public GuardExceptionStatus? Status { get; set; }
}
