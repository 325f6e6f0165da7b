using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AiGuard.Api.ModelDeployments;

/// <summary>CapabilitiesSpec lists Linux capabilities to add; ALL are always dropped.</summary>
public sealed class CapabilitiesSpec
{
    [Description("Capabilities to add; any entry is a finding (AIG-POD-01).")]
    [JsonPropertyName("add")] public List<string>? Add { get; set; }
}
