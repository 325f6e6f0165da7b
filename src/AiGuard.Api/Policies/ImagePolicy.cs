using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AiGuard.Api.Policies;

/// <summary>ImagePolicy restricts registries, requires digests, sets minimum patched versions and vulnerability thresholds.</summary>
public sealed class ImagePolicy
{
    [Description("Registry or repository prefixes the image must lie under (matched on a path boundary).")]
    [JsonPropertyName("allowedRegistries")] public List<string>? AllowedRegistries { get; set; }

    [Description("Require an @sha256 digest on every image.")]
    [JsonPropertyName("requireDigest")] public bool? RequireDigest { get; set; }

    [Description("Minimum patched versions per repository.")]
    [JsonPropertyName("minimumVersions")] public List<MinimumVersion>? MinimumVersions { get; set; }

    [Description("Fail AIG-IMG-03 for vulnerabilities a Trivy scan found in the running image (VulnerabilityReports in the cluster, Trivy JSON offline).")]
    [JsonPropertyName("vulnerabilities")] public VulnerabilityPolicy? Vulnerabilities { get; set; }
}
