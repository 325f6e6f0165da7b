using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.Policies;

/// <summary>ControlOverride changes one control's severity, or disables it, for the policy's namespaces.</summary>
public sealed class ControlOverride
{
    [Description("Severity to report instead of the catalog default.")]
    [EnumValues(Severities.Critical, Severities.High, Severities.Medium, Severities.Low)]
    [JsonPropertyName("severity")] public string? Severity { get; set; }

    [Description("Skip the control (it stays enforced if another applicable policy keeps it).")]
    [JsonPropertyName("disabled")] public bool? Disabled { get; set; }
}
