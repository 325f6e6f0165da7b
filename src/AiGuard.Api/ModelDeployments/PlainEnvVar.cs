using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>PlainEnvVar is a literal environment value; there is deliberately no valueFrom.</summary>
public sealed class PlainEnvVar
{
    [Required]
    [Description("Variable name.")]
    [Pattern(Patterns.EnvVarName)]
    [JsonPropertyName("name")] public string Name { get; set; } = "";

    [Description("Literal value.")]
    [JsonPropertyName("value")] public string? Value { get; set; }
}
