using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AiGuard.Api.ModelDeployments;

/// <summary>ImageStatus records the requested image and the one actually rolled out.</summary>
public sealed class ImageStatus
{
    [Description("spec.serving.image as written.")]
    [JsonPropertyName("requested")] public string? Requested { get; set; }

    [Description("The image the Deployment runs (differs from requested after an automatic patch).")]
    [JsonPropertyName("effective")] public string? Effective { get; set; }

    [Description("The requested image an automatic patch replaced, if any.")]
    [JsonPropertyName("patchedFrom")] public string? PatchedFrom { get; set; }
}
