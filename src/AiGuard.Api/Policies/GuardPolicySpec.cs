using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Schema;
using k8s.Models;

namespace AiGuard.Api.Policies;

/// <summary>GuardPolicySpec holds the guardrails; every part is optional and has a secure default.</summary>
public sealed class GuardPolicySpec
{
    public const string DefaultBlockAt = Severities.High;

    [Description("Namespaces the policy applies to, by labels. Absent or {} selects every namespace.")]
    [JsonPropertyName("namespaceSelector")] public V1LabelSelector? NamespaceSelector { get; set; }

    [Description("Enforce forces Enforce on every selected ModelDeployment; Audit (default) leaves theirs.")]
    [EnumValues(EnforcementModes.Enforce, EnforcementModes.Audit)]
    [DefaultValue(EnforcementModes.Audit)]
    [JsonPropertyName("enforcement")] public string? Enforcement { get; set; }

    [Description("Lowest severity that blocks a rollout under Enforce (default high).")]
    [EnumValues(Severities.Critical, Severities.High, Severities.Medium, Severities.Low)]
    [DefaultValue(DefaultBlockAt)]
    [JsonPropertyName("blockAt")] public string? BlockAt { get; set; }

    [Description("Per-control overrides, keyed by control id.")]
    [ItemLimits(maxItems: 64)]
    [ValidationRule("self.all(k, k.matches('^AIG-[A-Z]+-[0-9]{2}$'))", "control overrides must be keyed by control ids such as AIG-NET-01")]
    [JsonPropertyName("controls")] public Dictionary<string, ControlOverride>? Controls { get; set; }

    [Description("Image guardrails.")]
    [JsonPropertyName("images")] public ImagePolicy? Images { get; set; }

    [Description("Network guardrails.")]
    [JsonPropertyName("network")] public NetworkPolicyRules? Network { get; set; }

    [Description("Secret guardrails.")]
    [JsonPropertyName("secrets")] public SecretPolicy? Secrets { get; set; }

    [Description("Model source guardrails.")]
    [JsonPropertyName("models")] public ModelPolicy? Models { get; set; }

    [Description("RBAC guardrails for the model's own identity.")]
    [JsonPropertyName("rbac")] public RbacPolicy? Rbac { get; set; }

    [Description("Ownership and risk classification requirements.")]
    [JsonPropertyName("governance")] public GovernancePolicy? Governance { get; set; }

    [Description("What happens on an unwaived critical finding under Enforce.")]
    [JsonPropertyName("incidentResponse")] public IncidentResponsePolicy? IncidentResponse { get; set; }

    [Description("Shadow-AI inventory: extra inference server images to report when no ModelDeployment controls them.")]
    [JsonPropertyName("inventory")] public InventoryPolicy? Inventory { get; set; }

    [Description("What GuardExceptions may waive.")]
    [JsonPropertyName("exceptions")] public ExceptionsPolicy? Exceptions { get; set; }
}
