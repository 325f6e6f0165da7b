using AiGuard.Api.ModelDeployments;

namespace AiGuard.Cli.Audit.Formats;

/// <summary>
/// MarkdownReportWriter writes a report for a pull-request comment: a summary table of the resources, then a
/// findings table per resource that has findings. Cell text is escaped so messages cannot break the tables.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    public void Write(AuditReport report, TextWriter output)
    {
        var summary = report.Summary;
        output.WriteLine("## AiGuard audit");
        output.WriteLine();
        var verdict = report.FailOn is null ? "pass" : report.FailingFindings == 0 ? "pass" : "**fail**";
        output.WriteLine($"{summary.Resources} resource{(summary.Resources == 1 ? "" : "s")}: {summary.Compliant} compliant, {summary.NonCompliant} non-compliant. "
            + $"Unwaived findings: {summary.FindingCounts}. Result: {verdict}"
            + (report.FailOn is null ? " (--fail-on none)." : $" (--fail-on {report.FailOn})."));
        if (report.Results.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| Resource | Phase | Score | Enforcement | Unwaived findings | Source |");
            output.WriteLine("|---|---|---:|---|---|---|");
            foreach (var result in report.Results)
            {
                var a = result.Assessment;
                var counts = a.Findings.Where(f => !f.Waived).GroupBy(f => f.Severity)
                    .OrderByDescending(g => AiGuard.Engine.SeverityScale.Rank(g.Key))
                    .Select(g => $"{g.Count()} {g.Key}");
                var findings = string.Join(", ", counts);
                output.WriteLine($"| {Code(result.Id)} | {a.Phase} | {a.Score} | {a.Enforcement} | {(findings.Length == 0 ? "none" : findings)} | {Code(result.Source)} |");
            }
        }
        foreach (var result in report.Results.Where(r => r.Assessment.Findings.Count > 0))
        {
            output.WriteLine();
            output.WriteLine($"### {Cell(result.Id)}: {result.Assessment.Phase}");
            output.WriteLine();
            output.WriteLine("| Severity | Control | Finding | Remediation |");
            output.WriteLine("|---|---|---|---|");
            foreach (var finding in result.Assessment.Findings)
            {
                output.WriteLine($"| {Severity(finding)} | {finding.Control} | {Message(finding)} | {Cell(finding.Remediation)} |");
            }
        }
        if (report.Ignored.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"> **Note:** not applied, because {Cell(IgnoredDocument.Reason)}: "
                + string.Join(", ", report.Ignored.Select(i => $"{i.Kind} {Code(i.Id)} ({Code(i.Source)})")) + ".");
        }
        if (report.SkippedControls.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"<sub>Not evaluated offline: {string.Join(", ", report.SkippedControls.Select(c => c.Id))}.</sub>");
        }
    }

    private static string Severity(Finding finding) => finding.Waived ? $"~~{finding.Severity}~~" : finding.Severity;

    private static string Message(Finding finding) =>
        finding.Waived ? $"{Cell(finding.Message)} (waived by {Code(finding.WaivedBy ?? "")})" : Cell(finding.Message);

    private static string Code(string text) => $"`{text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)}`";

    /// <summary>Escapes text for a table cell: pipes, HTML and line breaks.</summary>
    public static string Cell(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .ReplaceLineEndings("<br>");
}
