using System.Text.Json.Serialization;

namespace AiGuard.Cli.Audit.Vulnerabilities;

/// <summary>TrivyMetadata names the scanned image: <c>repo:tag</c> and <c>repo@sha256:...</c> references.</summary>
internal sealed class TrivyMetadata
{
    [JsonPropertyName("RepoTags")] public List<string?>? RepoTags { get; set; }

    [JsonPropertyName("RepoDigests")] public List<string?>? RepoDigests { get; set; }
}
