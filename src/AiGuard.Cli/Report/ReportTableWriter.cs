using AiGuard.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiGuard.Cli.Report;

/// <summary>
/// ReportTableWriter prints the report for a terminal with Spectre.Console tables, as <c>aiguard demo</c> does: plain
/// text without colour codes, so it reads the same in a pipe, a CI log and a terminal. Cluster text is put in
/// <see cref="Text"/> cells, never parsed as markup.
/// </summary>
public sealed class ReportTableWriter : IClusterReportWriter
{
    public void Write(ClusterReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var console = DemoCommand.PlainConsole(output);
        if (report.UnmanagedOnly)
        {
            console.WriteLine($"AiGuard unmanaged AI workloads: {report.ScopeText}, generated {ReportText.Time(report.GeneratedAt)}");
            console.WriteLine(ReportText.UnmanagedSummary(report.Unmanaged.Count));
            Unmanaged(console, report);
            return;
        }

        console.WriteLine($"AiGuard compliance report: {report.ScopeText}, generated {ReportText.Time(report.GeneratedAt)}");
        console.WriteLine(ReportText.Summary(report.Totals));

        Section(console, "Compliance by namespace", report.Namespaces.Count == 0 ? null : Table(
            ["Namespace", "Models", "Evaluated", "Compliant", "Avg score", "Lowest", "Unwaived findings", "Waived"], [1, 2, 3, 4, 5, 7],
            report.Namespaces.Select(n => new[]
            {
                n.Namespace, ReportText.Number(n.Models), ReportText.Number(n.Evaluated), ReportText.Number(n.Compliant),
                ReportText.Score(n.AverageScore), ReportText.Score(n.LowestScore), ReportText.Counts(n.UnwaivedFindings), ReportText.Number(n.WaivedFindings),
            })), "No ModelDeployments.");

        Section(console, "Compliance by control (evaluated ModelDeployments)", report.Totals.Evaluated == 0 ? null : Table(
            ["Control", "Pass", "Fail", "Waived", "What must hold"], [1, 2, 3],
            report.Controls.Select(c => new[] { c.Control, ReportText.Number(c.Passing), ReportText.Number(c.Failing), ReportText.Number(c.Waived), c.Title })),
            "No evaluated ModelDeployments.");

        Section(console, "ModelDeployments, worst first", report.Models.Count == 0 ? null : Table(
            ["ModelDeployment", "Phase", "Score", "Enforcement", "Unwaived findings", "Waived", "Ready"], [2, 5],
            report.Models.Select(m => new[]
            {
                $"{m.Namespace}/{m.Name}", m.Phase, ReportText.Score(m.Score), m.Enforcement ?? "-", ReportText.Counts(m.UnwaivedFindings),
                ReportText.Number(m.WaivedFindings), m.Ready ? "yes" : "no",
            })), "No ModelDeployments.");

        Section(console, "Worst findings", report.WorstFindings.Count == 0 ? null : Table(
            ["Severity", "Control", "ModelDeployment", "Finding"], [],
            report.WorstFindings.Select(f => new[] { f.Severity, f.Control, $"{f.Namespace}/{f.Model}", f.Message })), "No unwaived findings.");

        Section(console, $"GuardExceptions expiring within {report.ExpiringWithinDays} days", report.ExpiringExceptions.Count == 0 ? null : Table(
            ["GuardException", "Expires", "Days left", "Controls", "ModelDeployments", "Approved by"], [2],
            report.ExpiringExceptions.Select(e => new[]
            {
                $"{e.Namespace}/{e.Name}", ReportText.Time(e.ExpiresAt), ReportText.Number(e.DaysLeft), string.Join(", ", e.Controls),
                string.Join(", ", e.ModelDeployments), e.ApprovedBy,
            })), "None.");
        Unmanaged(console, report);
    }

    private static void Unmanaged(IAnsiConsole console, ClusterReport report) =>
        Section(console, ReportText.UnmanagedTitle, report.Unmanaged.Count == 0 ? null : Table(
            ["Workload", "Images", "Why"], [],
            report.Unmanaged.Select(w => new[] { ReportText.Workload(w), string.Join("\n", w.Images), string.Join("\n", w.Reasons) })), "None found.");

    private static void Section(IAnsiConsole console, string title, Table? table, string empty)
    {
        console.WriteLine();
        console.WriteLine(title);
        if (table is null)
        {
            console.WriteLine("  " + empty);
            return;
        }

        console.Write(table);
    }

    private static Table Table(string[] headers, int[] rightAligned, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < headers.Length; i++)
        {
            var column = new TableColumn(new Text(headers[i]));
            table.AddColumn(rightAligned.Contains(i) ? column.RightAligned() : column);
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }

        return table;
    }
}
