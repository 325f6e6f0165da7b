using System.Text.Json;
using AiGuard.Cli.Audit;

namespace AiGuard.Cli.Report;

/// <summary>
/// ReportJsonWriter writes the report as one JSON object for scripts and dashboards. Field names are the camelCase of
/// the report's records, the first field is <c>schema</c> (<see cref="ClusterReport.SchemaVersion"/>), absent values
/// are null rather than missing (<c>--unmanaged</c> prints only schema, generatedAt, namespace and unmanaged), and the shape is documented in docs/reports.md.
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
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);

        // --unmanaged: the same fields as in the full report, only fewer of them.
        output.WriteLine(report.UnmanagedOnly
            ? JsonSerializer.Serialize(new { report.Schema, report.GeneratedAt, report.Namespace, report.Unmanaged }, Options)
            : JsonSerializer.Serialize(report, Options));
    }
}
