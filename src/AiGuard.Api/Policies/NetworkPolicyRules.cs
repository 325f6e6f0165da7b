using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AiGuard.Api.Policies;

/// <summary>NetworkPolicyRules are a GuardPolicy's network guardrails (not a Kubernetes NetworkPolicy).</summary>
public sealed class NetworkPolicyRules
{
    [Description("Allow egress to public addresses (default false).")]
    [JsonPropertyName("allowPublicEgress")] public bool? AllowPublicEgress { get; set; }

    [Description("Every egress ipBlock must lie inside one of these CIDRs.")]
    [JsonPropertyName("allowedEgressCIDRs")] public List<string>? AllowedEgressCidrs { get; set; }
}
