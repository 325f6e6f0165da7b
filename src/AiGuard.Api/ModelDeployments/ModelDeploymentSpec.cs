using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>ModelDeploymentSpec is what the user asks for.</summary>
public sealed class ModelDeploymentSpec
{
    [Description("Accountable person or team, e.g. an e-mail address.")]
    [JsonPropertyName("owner")] public string? Owner { get; set; }

    [Description("EU AI Act risk tier of the use case: minimal, limited or high. \"unacceptable\" uses are prohibited and rejected.")]
    [EnumValues(RiskLevels.Minimal, RiskLevels.Limited, RiskLevels.High, RiskLevels.Unacceptable)]
    [ValidationRule("self != 'unacceptable'", "riskLevel 'unacceptable' is a prohibited use under the EU AI Act and cannot be deployed")]
    [JsonPropertyName("riskLevel")] public string? RiskLevel { get; set; }

    [Description("Enforce (default) blocks non-compliant rollouts; Audit only reports. A GuardPolicy can only tighten it.")]
    [EnumValues(EnforcementModes.Enforce, EnforcementModes.Audit)]
    [DefaultValue(EnforcementModes.Enforce)]
    [JsonPropertyName("enforcement")] public string? Enforcement { get; set; }

    [Required]
    [Description("The model artifact to serve.")]
    [JsonPropertyName("model")] public ModelSource Model { get; set; } = new();

    [Required]
    [Description("How the model is served.")]
    [JsonPropertyName("serving")] public ServingSpec Serving { get; set; } = new();

    [Description("Who may call the model and where it may connect.")]
    [JsonPropertyName("network")] public NetworkSpec? Network { get; set; }

    [Description("Credentials the model needs. Sealed values are safe to commit.")]
    // Uniqueness is a CEL rule rather than x-kubernetes-list-type: map, so offline audit and the sandbox enforce it
    // with the same rule; maxItems and the name's maxLength keep its estimated cost far inside the API server's budget.
    [ItemLimits(maxItems: 32)]
    [ValidationRule("self.all(s, self.exists_one(o, o.name == s.name))", "secret names must be unique")]
    [JsonPropertyName("secrets")] public List<SecretSpec>? Secrets { get; set; }

    [Description("The model's own identity and who may operate or view it.")]
    [JsonPropertyName("access")] public AccessSpec? Access { get; set; }

    [Description("How the serving image follows security patches.")]
    [JsonPropertyName("updates")] public UpdatesSpec? Updates { get; set; }
}
