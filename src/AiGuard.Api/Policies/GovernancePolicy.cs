using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AiGuard.Api.Policies;

/// <summary>GovernancePolicy requires accountability metadata on ModelDeployments.</summary>
public sealed class GovernancePolicy
{
    [Description("Require spec.owner (default true).")]
    [DefaultValue(true)]
    [JsonPropertyName("requireOwner")] public bool? RequireOwner { get; set; }

    [Description("Require spec.riskLevel (default true).")]
    [DefaultValue(true)]
    [JsonPropertyName("requireRiskLevel")] public bool? RequireRiskLevel { get; set; }
}
