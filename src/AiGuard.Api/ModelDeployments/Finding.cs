using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Policies;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>Finding is one failing (or waived) control.</summary>
public sealed record Finding
{
    [Description("Control id, e.g. AIG-IMG-03.")]
    [JsonPropertyName("control")] public string Control { get; init; } = "";

    [Description("critical, high, medium or low.")]
    [EnumValues(Severities.Critical, Severities.High, Severities.Medium, Severities.Low)]
    [JsonPropertyName("severity")] public string Severity { get; init; } = "";

    [Description("What is wrong.")]
    [JsonPropertyName("message")] public string Message { get; init; } = "";

    [Description("How to fix it.")]
    [JsonPropertyName("remediation")] public string Remediation { get; init; } = "";

    [Description("The GuardPolicy that raised it, if any.")]
    [JsonPropertyName("policy")] public string? Policy { get; init; }

    [Description("True when a GuardException waives it.")]
    [JsonPropertyName("waived")] public bool Waived { get; init; }

    [Description("The GuardException that waives it.")]
    [JsonPropertyName("waivedBy")] public string? WaivedBy { get; init; }
}
