using System.Text.Json.Serialization;

namespace AiGuard.Cli.Audit.Vulnerabilities;

/// <summary>TrivyResult is one scanned target of the image (OS packages, a language lock file).</summary>
internal sealed class TrivyResult
{
    [JsonPropertyName("Target")] public string? Target { get; set; }

    [JsonPropertyName("Vulnerabilities")] public List<TrivyVulnerability?>? Vulnerabilities { get; set; }
}
