using System.Text.Json.Serialization;

namespace AiGuard.Operator.Reports;

/// <summary>ReportTimestamp is the protobuf-style timestamp both report APIs use for a result's time.</summary>
public sealed record ReportTimestamp
{
    [JsonPropertyName("seconds")] public long Seconds { get; init; }

    [JsonPropertyName("nanos")] public int Nanos { get; init; }

    /// <summary>Whole seconds: a result's time is when its verdict last changed, not when it was last looked at.</summary>
    public static ReportTimestamp Of(DateTimeOffset time) => new() { Seconds = time.ToUnixTimeSeconds() };
}
