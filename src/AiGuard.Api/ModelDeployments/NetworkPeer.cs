using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;
using k8s.Models;

namespace AiGuard.Api.ModelDeployments;

/// <summary>NetworkPeer mirrors a NetworkPolicy peer: pods selected by labels, or an IP block.</summary>
[ValidationRule("!has(self.ipBlock) || (!has(self.namespaceSelector) && !has(self.podSelector))", "a peer is either an ipBlock or namespaceSelector/podSelector, not both (as in a NetworkPolicy)")]
public sealed class NetworkPeer
{
    [Description("Namespaces whose pods match; {} alone means every namespace.")]
    [JsonPropertyName("namespaceSelector")] public V1LabelSelector? NamespaceSelector { get; set; }

    [Description("Pods that match; without namespaceSelector, in the model's namespace.")]
    [JsonPropertyName("podSelector")] public V1LabelSelector? PodSelector { get; set; }

    [Description("An IP range; exclusive with the selectors.")]
    [JsonPropertyName("ipBlock")] public IpBlock? IpBlock { get; set; }
}
