using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>EgressRule allows connections to the listed peers on the listed ports.</summary>
public sealed class EgressRule
{
    [Description("Destinations. An empty or missing list reaches everywhere (AIG-NET-02).")]
    [ItemLimits(maxItems: 32)]
    [JsonPropertyName("to")] public List<NetworkPeer>? To { get; set; }

    [Description("Destination ports (TCP); absent means every port.")]
    [ValueRange(1, 65535)]
    [JsonPropertyName("ports")] public List<int>? Ports { get; set; }
}
