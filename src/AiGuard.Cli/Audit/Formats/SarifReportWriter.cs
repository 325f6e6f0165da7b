using System.Text.Json;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;

namespace AiGuard.Cli.Audit.Formats;

/// <summary>
/// SarifReportWriter writes SARIF 2.1.0 for code-scanning UIs (GitHub, GitLab, Azure DevOps): one rule per control
/// of the engine's catalog, one result per finding located at the field it names, waived findings as external
/// suppressions carrying the exception's justification. GuardPolicies and GuardExceptions of the inputs ignored
/// because --policy was given are tool execution notifications of the run's invocation, located at their source.
/// </summary>
public sealed class SarifReportWriter : IReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public void Write(AuditReport report, TextWriter output)
    {
        var rules = ControlCatalog.All;
        var ruleIndexes = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        using var sink = new JsonOutput(output);
        var json = sink.Json;
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json, rules);
        json.WriteStartArray("results");
        foreach (var result in report.Results)
        {
            var ordinal = 0;
            foreach (var finding in result.Assessment.Findings)
            {
                var ruleIndex = ruleIndexes.GetValueOrDefault(finding.Control, -1);
                var position = result.Locate(finding);
                json.WriteStartObject();
                json.WriteString("ruleId", finding.Control);
                if (ruleIndex >= 0)
                {
                    json.WriteNumber("ruleIndex", ruleIndex);
                }
                json.WriteString("level", Level(finding.Severity));
                json.WriteStartObject("message");
                json.WriteString("text", $"{result.Kind} {result.Id}: {finding.Message}. Fix: {finding.Remediation}");
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", ArtifactUri(result.File));
                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("startLine", position.Line);
                json.WriteNumber("startColumn", position.Column);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteStartArray("logicalLocations");
                json.WriteStartObject();
                json.WriteString("name", result.Name);
                json.WriteString("fullyQualifiedName", $"{result.Kind}/{result.Id}");
                json.WriteString("kind", "resource");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteStartObject("partialFingerprints");
                json.WriteString("aiguardFinding/v1", $"{finding.Control}:{result.Id}:{ordinal++}");
                json.WriteEndObject();
                if (finding.Waived)
                {
                    json.WriteStartArray("suppressions");
                    json.WriteStartObject();
                    json.WriteString("kind", "external");
                    json.WriteString("justification", Justification(report, result, finding.WaivedBy));
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                json.WriteEndObject();
                sink.Drain();
            }
        }
        json.WriteEndArray();
        WriteInvocation(json, report.Ignored);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        sink.Complete();
    }

    private static void WriteInvocation(Utf8JsonWriter json, IReadOnlyList<IgnoredDocument> ignored)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var document in ignored)
        {
            json.WriteStartObject();
            json.WriteString("level", "warning");
            json.WriteStartObject("message");
            json.WriteString("text", $"{document.Kind} {document.Id} ignored: {IgnoredDocument.Reason}");
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", ArtifactUri(document.File));
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", document.Line);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("properties");
            json.WriteString("aiguardIgnoredKind", document.Kind);
            json.WriteString("aiguardIgnoredId", document.Id);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<ControlDefinition> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "aiguard");
        json.WriteString("version", ProductVersion.Semantic);
        json.WriteString("semanticVersion", ProductVersion.Semantic);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title);
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", $"{rule.Title}. Fix: {rule.Remediation}");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteStringValue(rule.Area);
            json.WriteEndArray();
            // GitHub code scanning ranks alerts by this CVSS-like score.
            json.WriteString("security-severity", SecuritySeverity(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>SARIF level of a severity: critical and high are errors, medium warnings, low notes.</summary>
    public static string Level(string severity) => severity switch
    {
        Severities.Critical or Severities.High => "error",
        Severities.Medium => "warning",
        _ => "note",
    };

    private static string SecuritySeverity(string severity) => severity switch
    {
        Severities.Critical => "9.5",
        Severities.High => "8.0",
        Severities.Medium => "5.5",
        _ => "2.0",
    };

    // Relative paths stay relative (code scanning resolves them against the repository root); absolute ones become file URIs.
    private static string ArtifactUri(string file) =>
        file == ManifestInput.StdinName ? "stdin"
        : Path.IsPathRooted(file) ? new Uri(file).AbsoluteUri
        : Uri.EscapeDataString(file).Replace("%2F", "/", StringComparison.Ordinal);

    private static string Justification(AuditReport report, AuditResult result, string? waivedBy)
    {
        var exception = report.WaiverOf(result, waivedBy);
        return exception is null
            ? $"waived by GuardException {waivedBy}"
            : $"waived by GuardException {result.Namespace}/{waivedBy}, approved by {exception.Spec.ApprovedBy} until {exception.Spec.ExpiresAt:yyyy-MM-dd'T'HH:mm:ss'Z'}: {exception.Spec.Justification}";
    }
}
