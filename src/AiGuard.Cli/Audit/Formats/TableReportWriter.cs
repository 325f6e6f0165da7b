using AiGuard.Api.ModelDeployments;

namespace AiGuard.Cli.Audit.Formats;

/// <summary>
/// TableReportWriter prints a plain-text report for people, fitted to 100 columns: per resource a heading line and
/// its findings (severity, control, message, fix), then a summary and what was not evaluated. Plain text keeps the
/// output byte-for-byte stable in pipelines, tests and the README.
/// </summary>
public sealed class TableReportWriter : IReportWriter
{
    public const int Width = 100;
    private const int SeverityWidth = 8;
    private const int ControlWidth = 11;
    private static readonly string Indent = new(' ', 2 + SeverityWidth + 2 + ControlWidth + 2);

    public void Write(AuditReport report, TextWriter output)
    {
        var fixes = new FixLines();
        foreach (var result in report.Results)
        {
            var a = result.Assessment;
            var heading = $"{result.Id}  {a.Phase}  score {a.Score}  {a.Enforcement}";
            // A long path moves to its own line rather than breaking the 100-column layout.
            if (heading.Length + 2 + result.Source.Length <= Width)
            {
                output.WriteLine($"{heading}  {result.Source}");
            }
            else
            {
                output.WriteLine(heading);
                output.WriteLine($"  {result.Source}");
            }
            if (a.Findings.Count == 0)
            {
                output.WriteLine("  no findings");
            }
            Finding? previous = null;
            foreach (var finding in a.Findings)
            {
                // Several findings of one control usually share the catalog's advice: print it once.
                var repeatsFix = previous is not null && previous.Control == finding.Control && previous.Remediation == finding.Remediation;
                WriteFinding(output, finding, printFix: !repeatsFix, fixes);
                previous = finding;
            }
            output.WriteLine();
        }
        var summary = report.Summary;
        output.WriteLine(Fit($"{Plural(summary.Resources, "resource")}: {summary.Compliant} compliant, {summary.NonCompliant} non-compliant; unwaived findings: {summary.FindingCounts}."));
        if (report.FailOn is null)
        {
            output.WriteLine("Result: pass (--fail-on none).");
        }
        else
        {
            var failing = report.FailingFindings;
            output.WriteLine(failing == 0
                ? $"Result: pass, no unwaived finding at or above {report.FailOn}."
                : $"Result: FAIL, {Plural(failing, "unwaived finding")} at or above {report.FailOn}.");
        }
        if (report.SkippedControls.Count > 0)
        {
            var controls = string.Join(", ", report.SkippedControls.Select(c => $"{c.Id} ({Describe(c.Scope)})"));
            output.WriteLine(Fit($"Not evaluated offline: {controls}."));
        }
        if (report.Skipped.Count > 0)
        {
            var kinds = report.Skipped.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} ({g.Count()})");
            output.WriteLine(Fit($"Skipped {Plural(report.Skipped.Count, "document")} of other kinds: {string.Join(", ", kinds)}."));
        }
        if (report.Ignored.Count > 0)
        {
            output.WriteLine(Fit($"Ignored {Plural(report.Ignored.Count, "document")} of the audited inputs ({IgnoredDocument.Reason}): {string.Join(", ", report.Ignored)}."));
        }
    }

    private static void WriteFinding(TextWriter output, Finding finding, bool printFix, FixLines fixes)
    {
        var head = $"  {finding.Severity.ToUpperInvariant(),-SeverityWidth}  {finding.Control,-ControlWidth}  ";
        var text = finding.Waived ? $"[waived by {finding.WaivedBy}] {finding.Message}" : finding.Message;
        var lines = WordWrap.Lines(text, Width - Indent.Length);
        output.Write(head);
        output.WriteLine(lines[0]);
        for (var i = 1; i < lines.Count; i++)
        {
            output.Write(Indent);
            output.WriteLine(lines[i]);
        }
        if (printFix && !finding.Waived && finding.Remediation.Length > 0)
        {
            foreach (var line in fixes.For(finding.Remediation))
            {
                output.Write(Indent);
                output.WriteLine(line);
            }
        }
    }

    /// <summary>
    /// The wrapped <c>fix:</c> lines of each remediation text met so far: a control's advice is usually the same text
    /// for every model, so a 10,000-model report wraps it a few times instead of once per finding.
    /// </summary>
    private sealed class FixLines
    {
        private const int MaximumTexts = 256;
        private readonly Dictionary<string, IReadOnlyList<string>> _wrapped = new(StringComparer.Ordinal);

        public IReadOnlyList<string> For(string remediation)
        {
            if (_wrapped.TryGetValue(remediation, out var lines))
            {
                return lines;
            }
            lines = WordWrap.Lines("fix: " + remediation, Width - Indent.Length);
            if (_wrapped.Count < MaximumTexts)
            {
                _wrapped[remediation] = lines;
            }
            return lines;
        }
    }

    private static string Fit(string text) => string.Join(Environment.NewLine, WordWrap.Lines(text, Width));

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string Describe(AiGuard.Engine.Controls.ControlScope scope) => scope switch
    {
        AiGuard.Engine.Controls.ControlScope.ClusterOnly => "needs the cluster",
        _ => "needs a sealing key",
    };
}
