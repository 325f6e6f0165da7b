using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.Policies;

/// <summary>MinimumVersion is the lowest acceptable version of one image repository.</summary>
public sealed class MinimumVersion
{
    [Required]
    [Description("Image repository, normalized like the container runtime (vllm/vllm-openai = docker.io/vllm/vllm-openai).")]
    [StringLengthLimits(minLength: 1)]
    [JsonPropertyName("repository")] public string Repository { get; set; } = "";

    [Required]
    [Description("Lowest acceptable version, dot-separated numbers, e.g. 0.6.4 or 24.08.")]
    [Pattern("^v?[0-9]+(\\.[0-9]+)*$")]
    [JsonPropertyName("version")] public string Version { get; set; } = "";

    [Description("Image to move to with spec.updates.patch: Auto.")]
    [JsonPropertyName("patchedImage")] public string? PatchedImage { get; set; }

    [Description("Advisories the minimum version fixes, e.g. CVE-2024-8939.")]
    [JsonPropertyName("advisories")] public List<string>? Advisories { get; set; }
}
