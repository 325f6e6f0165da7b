using AiGuard.Cli.Audit.Formats;

namespace AiGuard.Cli.Report;

/// <summary>
/// ReportMarkdownWriter writes GitHub-flavoured Markdown for an issue, a wiki page or a pull-request comment: a
/// summary line, then one table per section. Every cell from the cluster is escaped so it cannot break a table or
/// inject HTML.
/// </summary>
public sealed class ReportMarkdownWriter : IClusterReportWriter
{
    public void Write(ClusterReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        if (report.UnmanagedOnly)
        {
            output.WriteLine($"## AiGuard unmanaged AI workloads: {report.ScopeText}");
            output.WriteLine();
            output.WriteLine($"Generated {ReportText.Time(report.GeneratedAt)}. {ReportText.UnmanagedSummary(report.Unmanaged.Count)}");
            Unmanaged(output, report);
            return;
        }

        output.WriteLine($"## AiGuard compliance report: {report.ScopeText}");
        output.WriteLine();
        output.WriteLine($"Generated {ReportText.Time(report.GeneratedAt)}. {ReportText.Summary(report.Totals)}");

        Section(output, "Compliance by namespace", "| Namespace | Models | Evaluated | Compliant | Average score | Lowest score | Unwaived findings | Waived |",
            "|---|---:|---:|---:|---:|---:|---|---:|", report.Namespaces.Select(n =>
                $"| {Code(n.Namespace)} | {n.Models} | {n.Evaluated} | {n.Compliant} | {ReportText.Score(n.AverageScore)} | {ReportText.Score(n.LowestScore)} | {ReportText.Counts(n.UnwaivedFindings)} | {n.WaivedFindings} |"),
            "No ModelDeployments.");

        Section(output, "Compliance by control", "| Control | Pass | Fail | Waived | What must hold |", "|---|---:|---:|---:|---|",
            report.Totals.Evaluated == 0 ? [] : report.Controls.Select(c =>
                $"| {Cell(c.Control)} | {c.Passing} | {c.Failing} | {c.Waived} | {Cell(c.Title)} |"),
            "No evaluated ModelDeployments.");

        Section(output, "ModelDeployments, worst first", "| ModelDeployment | Phase | Score | Enforcement | Unwaived findings | Waived | Ready |",
            "|---|---|---:|---|---|---:|---|", report.Models.Select(m =>
                $"| {Code($"{m.Namespace}/{m.Name}")} | {Cell(m.Phase)} | {ReportText.Score(m.Score)} | {Cell(m.Enforcement ?? "-")} | {ReportText.Counts(m.UnwaivedFindings)} | {m.WaivedFindings} | {(m.Ready ? "yes" : "no")} |"),
            "No ModelDeployments.");

        Section(output, "Worst findings", "| Severity | Control | ModelDeployment | Finding |", "|---|---|---|---|",
            report.WorstFindings.Select(f => $"| {Cell(f.Severity)} | {Cell(f.Control)} | {Code($"{f.Namespace}/{f.Model}")} | {Cell(f.Message)} |"),
            "No unwaived findings.");

        Section(output, $"GuardExceptions expiring within {report.ExpiringWithinDays} days", "| GuardException | Expires | Days left | Controls | ModelDeployments | Approved by |",
            "|---|---|---:|---|---|---|", report.ExpiringExceptions.Select(e =>
                $"| {Code($"{e.Namespace}/{e.Name}")} | {ReportText.Time(e.ExpiresAt)} | {e.DaysLeft} | {Cell(string.Join(", ", e.Controls))} | {Cell(string.Join(", ", e.ModelDeployments))} | {Cell(e.ApprovedBy)} |"),
            "None.");
        Unmanaged(output, report);
    }

    private static void Unmanaged(TextWriter output, ClusterReport report) =>
        Section(output, ReportText.UnmanagedTitle, "| Workload | Images | Why |", "|---|---|---|",
            report.Unmanaged.Select(w => $"| {Code(ReportText.Workload(w))} | {string.Join("<br>", w.Images.Select(Code))} | {string.Join("<br>", w.Reasons.Select(Cell))} |"),
            "None found.");

    private static void Section(TextWriter output, string title, string header, string rule, IEnumerable<string> rows, string empty)
    {
        output.WriteLine();
        output.WriteLine($"### {title}");
        output.WriteLine();
        var lines = rows.ToList();
        if (lines.Count == 0)
        {
            output.WriteLine(empty);
            return;
        }

        output.WriteLine(header);
        output.WriteLine(rule);
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }
    }

    private static string Cell(string text) => MarkdownReportWriter.Cell(text);

    // Names are DNS labels, but a code span still must not end early or split the table.
    private static string Code(string text) =>
        $"`{text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ")}`";
}
