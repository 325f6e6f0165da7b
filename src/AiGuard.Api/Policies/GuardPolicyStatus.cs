using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;

namespace AiGuard.Api.Policies;

/// <summary>GuardPolicyStatus reports how many ModelDeployments the policy governs.</summary>
public sealed class GuardPolicyStatus
{
    [Description("The generation the status describes.")]
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }

    [Description("Number of ModelDeployments in the selected namespaces.")]
    [JsonPropertyName("matchedModelDeployments")] public int? MatchedModelDeployments { get; set; }

    [Description("Ready is True when the policy is valid and applied.")]
    [JsonPropertyName("conditions")] public List<V1Condition>? Conditions { get; set; }
}
