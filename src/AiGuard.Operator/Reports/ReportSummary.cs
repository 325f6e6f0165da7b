using System.Text.Json.Serialization;

namespace AiGuard.Operator.Reports;

/// <summary>ReportSummary counts a report's results by outcome; it counts every result, including those a cap left out.</summary>
public sealed record ReportSummary
{
    [JsonPropertyName("pass")] public int Pass { get; init; }

    [JsonPropertyName("fail")] public int Fail { get; init; }

    [JsonPropertyName("warn")] public int Warn { get; init; }

    [JsonPropertyName("error")] public int Error { get; init; }

    [JsonPropertyName("skip")] public int Skip { get; init; }

    /// <summary>The counts of <paramref name="results"/>.</summary>
    public static ReportSummary Of(IEnumerable<ReportResult> results)
    {
        int pass = 0, fail = 0, warn = 0, error = 0, skip = 0;
        foreach (var result in results)
        {
            switch (result.Result)
            {
                case ReportResult.Pass: pass++; break;
                case ReportResult.Fail: fail++; break;
                case ReportResult.Warn: warn++; break;
                case ReportResult.Error: error++; break;
                default: skip++; break;
            }
        }

        return new ReportSummary { Pass = pass, Fail = fail, Warn = warn, Error = error, Skip = skip };
    }
}
