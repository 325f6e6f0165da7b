using System.Text.Json.Serialization;

namespace AiGuard.Cli.Audit.Vulnerabilities;

/// <summary>
/// TrivyReport is the part of <c>trivy image -f json</c> output (schema version 2) that AIG-IMG-03 reads. Every other
/// field is ignored, so a newer Trivy that adds fields still reads.
/// </summary>
internal sealed class TrivyReport
{
    [JsonPropertyName("ArtifactName")] public string? ArtifactName { get; set; }

    [JsonPropertyName("ArtifactType")] public string? ArtifactType { get; set; }

    [JsonPropertyName("Metadata")] public TrivyMetadata? Metadata { get; set; }

    [JsonPropertyName("Results")] public List<TrivyResult?>? Results { get; set; }
}
