using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>UpdatesSpec says whether the operator may move the image to a patched version on its own.</summary>
public sealed class UpdatesSpec
{
    [Description("Auto moves the image to the policy's patched version; Manual (default) only reports.")]
    [EnumValues(PatchModes.Auto, PatchModes.Manual)]
    [DefaultValue(PatchModes.Manual)]
    [JsonPropertyName("patch")] public string? Patch { get; set; }
}
