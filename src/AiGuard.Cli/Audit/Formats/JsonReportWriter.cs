using System.Text.Json;

namespace AiGuard.Cli.Audit.Formats;

/// <summary>
/// JsonReportWriter writes the machine-readable report. The property names and their order are a contract
/// (docs and scripts depend on them): summary {resources, compliant, nonCompliant, findings by severity}, then
/// results with kind, namespace, name, source, enforcement, phase, compliant, score and findings, then ignored
/// (GuardPolicies and GuardExceptions of the inputs not applied because --policy was given: kind, id, source).
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    public void Write(AuditReport report, TextWriter output)
    {
        using var sink = new JsonOutput(output);
        var json = sink.Json;
        var summary = report.Summary;
        json.WriteStartObject();
        json.WriteStartObject("summary");
        json.WriteNumber("resources", summary.Resources);
        json.WriteNumber("compliant", summary.Compliant);
        json.WriteNumber("nonCompliant", summary.NonCompliant);
        json.WriteStartObject("findings");
        json.WriteNumber("critical", summary.Critical);
        json.WriteNumber("high", summary.High);
        json.WriteNumber("medium", summary.Medium);
        json.WriteNumber("low", summary.Low);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var result in report.Results)
        {
            var a = result.Assessment;
            json.WriteStartObject();
            json.WriteString("kind", result.Kind);
            json.WriteString("namespace", result.Namespace);
            json.WriteString("name", result.Name);
            json.WriteString("source", result.Source);
            json.WriteString("enforcement", a.Enforcement);
            json.WriteString("phase", a.Phase);
            json.WriteBoolean("compliant", result.Compliant);
            json.WriteNumber("score", a.Score);
            json.WriteStartArray("findings");
            foreach (var finding in a.Findings)
            {
                json.WriteStartObject();
                json.WriteString("control", finding.Control);
                json.WriteString("severity", finding.Severity);
                json.WriteString("message", finding.Message);
                json.WriteString("remediation", finding.Remediation);
                WriteOptional(json, "policy", finding.Policy);
                json.WriteBoolean("waived", finding.Waived);
                WriteOptional(json, "waivedBy", finding.Waived ? finding.WaivedBy : null);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            sink.Drain();
        }
        json.WriteEndArray();
        json.WriteStartArray("ignored");
        foreach (var ignored in report.Ignored)
        {
            json.WriteStartObject();
            json.WriteString("kind", ignored.Kind);
            json.WriteString("id", ignored.Id);
            json.WriteString("source", ignored.Source);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        sink.Complete();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
