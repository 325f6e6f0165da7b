using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AiGuard.Api.Policies;

/// <summary>SecretPolicy says whether ModelDeployments may reference existing Secrets.</summary>
public sealed class SecretPolicy
{
    [Description("Allow spec.secrets[].existingSecret (default false).")]
    [JsonPropertyName("allowExistingSecrets")] public bool? AllowExistingSecrets { get; set; }
}
