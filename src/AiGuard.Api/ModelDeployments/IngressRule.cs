using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>IngressRule admits traffic from the listed peers on the listed ports.</summary>
public sealed class IngressRule
{
    [Description("Peers allowed to connect. An empty or missing list is open to everyone (AIG-NET-01).")]
    [ItemLimits(maxItems: 32)]
    [JsonPropertyName("from")] public List<NetworkPeer>? From { get; set; }

    [Description("Ports on the model; default: spec.serving.port.")]
    [ValueRange(1, 65535)]
    [JsonPropertyName("ports")] public List<int>? Ports { get; set; }
}
