using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>ServingSpec describes the serving container.</summary>
public sealed class ServingSpec
{
    public const int DefaultPort = 8080;
    public const int DefaultReplicas = 1;

    [Required]
    [Description("Serving image: [registry/]repository[:tag][@sha256:digest].")]
    [StringLengthLimits(minLength: 1, maxLength: 512)]
    [JsonPropertyName("image")] public string Image { get; set; } = "";

    [Description("Number of pods (default 1).")]
    [DefaultValue(DefaultReplicas)]
    [ValueRange(0, 1000)]
    [JsonPropertyName("replicas")] public int? Replicas { get; set; }

    [Description("Port the model server listens on (default 8080).")]
    [DefaultValue(DefaultPort)]
    [ValueRange(1, 65535)]
    [JsonPropertyName("port")] public int? Port { get; set; }

    [Description("Arguments passed to the serving container.")]
    [JsonPropertyName("args")] public List<string>? Args { get; set; }

    [Description("Plain environment values. Secrets belong under spec.secrets.")]
    [JsonPropertyName("env")] public List<PlainEnvVar>? Env { get; set; }

    [Description("Compute resources of the serving container.")]
    [JsonPropertyName("resources")] public ResourceRequirementsSpec? Resources { get; set; }

    [Description("Optional restricted subset of the container security context. Any weakening value is a finding (AIG-POD-01).")]
    [JsonPropertyName("securityContext")] public SecurityContextSpec? SecurityContext { get; set; }
}
