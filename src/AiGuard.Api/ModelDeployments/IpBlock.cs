using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace AiGuard.Api.ModelDeployments;

/// <summary>IpBlock is a CIDR with optional exceptions, as in a NetworkPolicy.</summary>
public sealed class IpBlock
{
    [Required]
    [Description("IPv4 or IPv6 CIDR, e.g. 10.20.0.0/16.")]
    [JsonPropertyName("cidr")] public string Cidr { get; set; } = "";

    [Description("CIDRs inside cidr to exclude.")]
    [JsonPropertyName("except")] public List<string>? Except { get; set; }
}
