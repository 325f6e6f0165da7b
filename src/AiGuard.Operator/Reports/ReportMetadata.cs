using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Reports;

/// <summary>
/// ReportMetadata is what the stale-report sweep reads of a listed report: its metadata only. The results and summary
/// in the response (up to about 400 KB a report) are skipped while parsing, so a page of reports costs the memory of
/// their names and labels, not of their bodies.
/// </summary>
public sealed class ReportMetadata : IKubernetesObject<V1ObjectMeta>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();
}
