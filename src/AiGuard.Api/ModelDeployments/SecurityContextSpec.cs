using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>
/// SecurityContextSpec is the subset of a container security context a user may set. The operator always starts
/// from the restricted Pod Security profile; values here can only make it different, and weakening ones are findings.
/// </summary>
public sealed class SecurityContextSpec
{
    [Description("Must stay true; false is a finding.")]
    [JsonPropertyName("runAsNonRoot")] public bool? RunAsNonRoot { get; set; }

    [Description("UID to run as; 0 is a finding.")]
    [ValueRange(0, 2147483647)]
    [JsonPropertyName("runAsUser")] public long? RunAsUser { get; set; }

    [Description("GID to run as.")]
    [ValueRange(0, 2147483647)]
    [JsonPropertyName("runAsGroup")] public long? RunAsGroup { get; set; }

    [Description("Must stay true; false is a finding.")]
    [JsonPropertyName("readOnlyRootFilesystem")] public bool? ReadOnlyRootFilesystem { get; set; }

    [Description("Must stay false; true is a finding.")]
    [JsonPropertyName("allowPrivilegeEscalation")] public bool? AllowPrivilegeEscalation { get; set; }

    [Description("Must stay false; true is a finding.")]
    [JsonPropertyName("privileged")] public bool? Privileged { get; set; }

    [Description("Capabilities to add. Everything is dropped; any added capability is a finding.")]
    [JsonPropertyName("capabilities")] public CapabilitiesSpec? Capabilities { get; set; }
}
