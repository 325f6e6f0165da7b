using System.ComponentModel;
using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace AiGuard.Api.Policies;

/// <summary>NetworkPolicyRules are a GuardPolicy's network guardrails (not a Kubernetes NetworkPolicy).</summary>
public sealed class NetworkPolicyRules
{
    [Description("Allow egress to public addresses (default false).")]
    [JsonPropertyName("allowPublicEgress")] public bool? AllowPublicEgress { get; set; }

    [Description("Every egress ipBlock must lie inside one of these CIDRs.")]
    // KubernetesYaml camelCases C# names ("allowDns"); without the alias the field is silently dropped from YAML.
    [YamlMember(Alias = "allowedEgressCIDRs")]
    [JsonPropertyName("allowedEgressCIDRs")] public List<string>? AllowedEgressCidrs { get; set; }
}
