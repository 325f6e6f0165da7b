using System.Text.Json.Serialization;
using k8s.Models;

namespace AiGuard.Operator.Reports;

/// <summary>
/// ReportResult is one result of a PolicyReport or openreports Report: for AiGuard, one control of one ModelDeployment.
/// Both APIs share this shape (policy, rule, result, severity, category, message, resources, properties, source).
/// </summary>
public sealed record ReportResult
{
    /// <summary>Result values the APIs accept.</summary>
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Warn = "warn";
    public const string Error = "error";
    public const string Skip = "skip";

    [JsonPropertyName("policy")] public string Policy { get; init; } = "";

    [JsonPropertyName("rule")] public string? Rule { get; init; }

    [JsonPropertyName("result")] public string Result { get; init; } = Pass;

    [JsonPropertyName("severity")] public string? Severity { get; init; }

    [JsonPropertyName("category")] public string? Category { get; init; }

    [JsonPropertyName("message")] public string? Message { get; init; }

    [JsonPropertyName("scored")] public bool Scored { get; init; } = true;

    [JsonPropertyName("source")] public string? Source { get; init; }

    [JsonPropertyName("timestamp")] public ReportTimestamp? Timestamp { get; init; }

    [JsonPropertyName("resources")] public IReadOnlyList<V1ObjectReference>? Resources { get; init; }

    [JsonPropertyName("properties")] public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
