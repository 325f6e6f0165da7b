using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;
using k8s.Models;

namespace AiGuard.Api.ModelDeployments;

/// <summary>ModelDeploymentStatus is what the operator observed and decided, written only through /status.</summary>
public sealed class ModelDeploymentStatus
{
    [Description("The generation the status describes.")]
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }

    [Description("Progressing, Compliant, NonCompliant, Blocked, Quarantined or Error.")]
    [EnumValues(Phases.Progressing, Phases.Compliant, Phases.NonCompliant, Phases.Blocked, Phases.Quarantined, Phases.Error)]
    [JsonPropertyName("phase")] public string? Phase { get; set; }

    [Description("0-100, severity-weighted share of passing (or waived) controls.")]
    [ValueRange(0, 100)]
    [JsonPropertyName("complianceScore")] public int? ComplianceScore { get; set; }

    [Description("The effective enforcement after policies.")]
    [EnumValues(EnforcementModes.Enforce, EnforcementModes.Audit)]
    [JsonPropertyName("enforcement")] public string? Enforcement { get; set; }

    [Description("Requested and effective serving image.")]
    [JsonPropertyName("image")] public ImageStatus? Image { get; set; }

    [Description("Standard conditions: Ready, Reconciling, Stalled, Compliant and one per control area.")]
    [JsonPropertyName("conditions")] public List<V1Condition>? Conditions { get; set; }

    [Description("Failing and waived controls, most severe first, at most 50.")]
    [ItemLimits(maxItems: 50)]
    [JsonPropertyName("findings")] public List<Finding>? Findings { get; set; }

    [Description("GuardPolicies that apply to this ModelDeployment.")]
    [JsonPropertyName("appliedPolicies")] public List<string>? AppliedPolicies { get; set; }

    [Description("Ids of the keys that sealed spec.secrets.")]
    [JsonPropertyName("sealingKeys")] public List<string>? SealingKeys { get; set; }

    [Description("When the controls were last evaluated.")]
    [JsonPropertyName("lastEvaluatedTime")] public DateTime? LastEvaluatedTime { get; set; }
}
