using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>SecretSpec is one credential of the model: sealed values, or a reference to an existing Secret.</summary>
[ValidationRule("has(self.sealedData) != has(self.existingSecret)", "a secret needs exactly one of sealedData or existingSecret")]
public sealed class SecretSpec
{
    [Required]
    [Description("Name of this secret within the ModelDeployment; part of the sealing scope.")]
    [Pattern(Patterns.DnsLabel)]
    [StringLengthLimits(maxLength: 40)]
    [JsonPropertyName("name")] public string Name { get; set; } = "";

    [Description("Directory the files are mounted at, read-only (default /var/run/secrets/aiguard/<name>).")]
    [Pattern(Patterns.AbsolutePath)]
    [StringLengthLimits(maxLength: 1024)]
    [JsonPropertyName("mountPath")] public string? MountPath { get; set; }

    [Description("Values sealed with `aiguard seal` for this namespace, ModelDeployment and secret name; safe to commit.")]
    [JsonPropertyName("sealedData")] public Dictionary<string, string>? SealedData { get; set; }

    [Description("Name of an existing Secret in the namespace; a finding unless every applicable policy allows it (AIG-SEC-01).")]
    [Pattern(Patterns.DnsSubdomain)]
    [StringLengthLimits(maxLength: 253)]
    [JsonPropertyName("existingSecret")] public string? ExistingSecret { get; set; }

    [Description("File (default) mounts read-only files; Env exposes values as environment variables (AIG-SEC-02).")]
    [EnumValues(SecretExposure.File, SecretExposure.Env)]
    [DefaultValue(SecretExposure.File)]
    [JsonPropertyName("expose")] public string? Expose { get; set; }
}
