using System.Text.Json;
using AiGuard.Cli.Audit;

namespace AiGuard.Cli.Report;

/// <summary>
/// ReportJsonWriter writes the report as one JSON object for scripts and dashboards. Field names are the camelCase of
/// the report's records, the first field is <c>schema</c> (<see cref="ClusterReport.SchemaVersion"/>), absent values
/// are null rather than missing, and the shape is documented in docs/reports.md.
/// </summary>
public sealed class ReportJsonWriter : IClusterReportWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JsonOptions.Encoder,
    };

    public void Write(ClusterReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(report, Options));
    }
}
