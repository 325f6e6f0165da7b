using System.Globalization;
using System.Text;

namespace AiGuard.Cli.Report;

/// <summary>
/// ReportHtmlWriter writes the report as one self-contained HTML file to mail, attach to a ticket or publish as a CI
/// artifact: inline CSS, inline SVG charts (<see cref="ReportCharts"/>), no script, no font, no image and no link
/// to fetch, and a Content-Security-Policy that forbids all of them in case a browser ever found one. Everything
/// from the cluster is encoded (<see cref="Html"/>). Every number is printed as text and carried in a
/// <c>data-value</c> attribute on an element with a stable id or <c>data-*</c> key, as docs/reports.md lists.
/// </summary>
public sealed class ReportHtmlWriter : IClusterReportWriter
{
    public void Write(ClusterReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>AiGuard compliance report: ").Append(Html.Encode(report.ScopeText)).Append("</title>\n")
            .Append("<style>").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>AiGuard compliance report</h1><p>")
            .Append("<span id=\"scope\" data-namespace=\"").Append(Html.Encode(report.Namespace ?? "")).Append("\">").Append(Html.Encode(report.ScopeText)).Append("</span>, generated ")
            .Append("<time id=\"generated-at\" datetime=\"").Append(ReportText.Time(report.GeneratedAt)).Append("\">").Append(ReportText.Time(report.GeneratedAt)).Append("</time></p></header>\n");
        if (!report.UnmanagedOnly)
        {
            Summary(html, report);
            Namespaces(html, report);
            Controls(html, report);
            Models(html, report);
            Findings(html, report);
            Exceptions(html, report);
        }

        Unmanaged(html, report);
        html.Append("</body>\n</html>\n");
        output.Write(html.ToString());
    }

    private static void Summary(StringBuilder html, ClusterReport report)
    {
        var t = report.Totals;
        html.Append("<section id=\"summary\"><h2>Summary</h2><div class=\"tiles\">");
        Tile(html, "total-models", t.Models, "ModelDeployments");
        Tile(html, "total-evaluated", t.Evaluated, "evaluated");
        Tile(html, "total-compliant", t.Compliant, "compliant");
        Tile(html, "total-not-compliant", t.NotCompliant, "not compliant");
        Tile(html, "total-not-evaluated", t.NotEvaluated, "not evaluated yet");
        Tile(html, "average-score", t.AverageScore, "average score", ReportCharts.ScoreClass(t.AverageScore));
        Tile(html, "findings-critical", t.UnwaivedFindings.Critical, "critical findings", t.UnwaivedFindings.Critical > 0 ? "poor" : null);
        Tile(html, "findings-high", t.UnwaivedFindings.High, "high findings", t.UnwaivedFindings.High > 0 ? "poor" : null);
        Tile(html, "findings-medium", t.UnwaivedFindings.Medium, "medium findings");
        Tile(html, "findings-low", t.UnwaivedFindings.Low, "low findings");
        Tile(html, "findings-waived", t.WaivedFindings, "waived findings");
        Tile(html, "expiring-exceptions", t.ExpiringExceptions, $"exceptions ending within {report.ExpiringWithinDays} days", t.ExpiringExceptions > 0 ? "fair" : null);
        Tile(html, "unmanaged-workloads", t.UnmanagedWorkloads, "unmanaged AI workloads", t.UnmanagedWorkloads > 0 ? "poor" : null);
        html.Append("</div><p class=\"summary\">").Append(Html.Encode(ReportText.Summary(t))).Append("</p></section>\n");
    }

    private static void Tile(StringBuilder html, string id, int? value, string label, string? tone = null)
    {
        html.Append("<div class=\"tile").Append(tone is null ? "" : " " + tone).Append("\"><span class=\"value\" id=\"").Append(id)
            .Append("\" data-value=\"").Append(ReportText.DataValue(value)).Append("\">").Append(ReportText.Score(value))
            .Append("</span><span class=\"label\">").Append(Html.Encode(label)).Append("</span></div>");
    }

    private static void Namespaces(StringBuilder html, ClusterReport report)
    {
        html.Append("<section id=\"namespaces\"><h2>Compliance by namespace</h2>");
        if (report.Namespaces.Count == 0)
        {
            html.Append("<p class=\"empty\">No ModelDeployments.</p></section>\n");
            return;
        }

        html.Append(ReportCharts.NamespaceScores(report.Namespaces));
        Head(html, "Namespace", "Models", "Evaluated", "Compliant", "Average score", "Lowest score", "Critical", "High", "Medium", "Low", "Waived");
        foreach (var n in report.Namespaces)
        {
            html.Append("<tr data-namespace=\"").Append(Html.Encode(n.Namespace)).Append("\"><th scope=\"row\">").Append(Html.Encode(n.Namespace)).Append("</th>");
            Number(html, "models", n.Models);
            Number(html, "evaluated", n.Evaluated);
            Number(html, "compliant", n.Compliant);
            Number(html, "average-score", n.AverageScore);
            Number(html, "lowest-score", n.LowestScore);
            Counts(html, n.UnwaivedFindings);
            Number(html, "waived", n.WaivedFindings);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Controls(StringBuilder html, ClusterReport report)
    {
        html.Append("<section id=\"controls\"><h2>Compliance by control</h2>");
        if (report.Totals.Evaluated == 0)
        {
            html.Append("<p class=\"empty\">No evaluated ModelDeployments.</p></section>\n");
            return;
        }

        html.Append("<p class=\"legend\"><span class=\"swatch pass\"></span>pass <span class=\"swatch fail\"></span>fail <span class=\"swatch waived\"></span>waived, of ")
            .Append(ReportText.Plural(report.Totals.Evaluated, "evaluated ModelDeployment")).Append("</p>");
        html.Append(ReportCharts.ControlOutcomes(report.Controls));
        Head(html, "Control", "Pass", "Fail", "Waived", "What must hold");
        foreach (var c in report.Controls)
        {
            html.Append("<tr data-control=\"").Append(Html.Encode(c.Control)).Append("\"><th scope=\"row\">").Append(Html.Encode(c.Control)).Append("</th>");
            Number(html, "passing", c.Passing);
            Number(html, "failing", c.Failing);
            Number(html, "waived", c.Waived);
            Text(html, "title", c.Title);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Models(StringBuilder html, ClusterReport report)
    {
        html.Append("<section id=\"models\"><h2>ModelDeployments, worst first</h2>");
        if (report.Models.Count == 0)
        {
            html.Append("<p class=\"empty\">No ModelDeployments.</p></section>\n");
            return;
        }

        Head(html, "ModelDeployment", "Phase", "Score", "Enforcement", "Critical", "High", "Medium", "Low", "Waived", "Ready");
        foreach (var m in report.Models)
        {
            html.Append("<tr data-model=\"").Append(Html.Encode($"{m.Namespace}/{m.Name}")).Append("\"><th scope=\"row\">").Append(Html.Encode($"{m.Namespace}/{m.Name}")).Append("</th>");
            Text(html, "phase", m.Phase);
            Number(html, "score", m.Score, ReportCharts.ScoreClass(m.Score));
            Text(html, "enforcement", m.Enforcement ?? "-");
            Counts(html, m.UnwaivedFindings);
            Number(html, "waived", m.WaivedFindings);
            Text(html, "ready", m.Ready ? "yes" : "no");
            html.Append("</tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Findings(StringBuilder html, ClusterReport report)
    {
        html.Append("<section id=\"worst-findings\"><h2>Worst findings</h2>");
        if (report.WorstFindings.Count == 0)
        {
            html.Append("<p class=\"empty\">No unwaived findings.</p></section>\n");
            return;
        }

        Head(html, "#", "Severity", "Control", "ModelDeployment", "Finding");
        var rank = 0;
        foreach (var f in report.WorstFindings)
        {
            rank++;
            html.Append(CultureInfo.InvariantCulture, $"<tr data-rank=\"{rank}\" data-severity=\"{Html.Encode(f.Severity)}\"><td>{rank}</td>");
            Text(html, "severity", f.Severity, "severity " + Html.Encode(f.Severity));
            Text(html, "control", f.Control);
            Text(html, "model", $"{f.Namespace}/{f.Model}");
            Text(html, "message", f.Message);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Exceptions(StringBuilder html, ClusterReport report)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"expiring-exceptions\" data-within-days=\"{report.ExpiringWithinDays}\"><h2>GuardExceptions expiring within {report.ExpiringWithinDays} days</h2>");
        if (report.ExpiringExceptions.Count == 0)
        {
            html.Append("<p class=\"empty\">None.</p></section>\n");
            return;
        }

        Head(html, "GuardException", "Expires", "Days left", "Controls", "ModelDeployments", "Approved by");
        foreach (var e in report.ExpiringExceptions)
        {
            html.Append("<tr data-exception=\"").Append(Html.Encode($"{e.Namespace}/{e.Name}")).Append("\"><th scope=\"row\">").Append(Html.Encode($"{e.Namespace}/{e.Name}")).Append("</th>");
            html.Append("<td data-field=\"expires-at\"><time datetime=\"").Append(ReportText.Time(e.ExpiresAt)).Append("\">").Append(ReportText.Time(e.ExpiresAt)).Append("</time></td>");
            Number(html, "days-left", e.DaysLeft, e.DaysLeft <= 3 ? "poor" : "fair");
            Text(html, "controls", string.Join(", ", e.Controls));
            Text(html, "model-deployments", string.Join(", ", e.ModelDeployments));
            Text(html, "approved-by", e.ApprovedBy);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Unmanaged(StringBuilder html, ClusterReport report)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"unmanaged\" data-count=\"{report.Unmanaged.Count}\"><h2>").Append(Html.Encode(ReportText.UnmanagedTitle)).Append("</h2>");
        html.Append("<p class=\"summary\">").Append(Html.Encode(ReportText.UnmanagedSummary(report.Unmanaged.Count))).Append("</p>");
        if (report.Unmanaged.Count == 0)
        {
            html.Append("</section>\n");
            return;
        }

        Head(html, "Workload", "Images", "Why");
        foreach (var w in report.Unmanaged)
        {
            var key = ReportText.Workload(w);
            html.Append("<tr data-workload=\"").Append(Html.Encode(key)).Append("\" data-kind=\"").Append(Html.Encode(w.Kind)).Append("\"><th scope=\"row\">").Append(Html.Encode(key)).Append("</th>");
            Lines(html, "images", w.Images);
            Lines(html, "reasons", w.Reasons);
            html.Append("</tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Lines(StringBuilder html, string field, IEnumerable<string> lines)
    {
        html.Append("<td data-field=\"").Append(field).Append("\">");
        html.AppendJoin("<br>", lines.Select(Html.Encode));
        html.Append("</td>");
    }

    private static void Head(StringBuilder html, params string[] columns)
    {
        html.Append("<table><thead><tr>");
        foreach (var column in columns)
        {
            html.Append("<th scope=\"col\">").Append(Html.Encode(column)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
    }

    private static void Counts(StringBuilder html, SeverityCounts counts)
    {
        Number(html, "critical", counts.Critical, counts.Critical > 0 ? "poor" : null);
        Number(html, "high", counts.High, counts.High > 0 ? "poor" : null);
        Number(html, "medium", counts.Medium);
        Number(html, "low", counts.Low);
    }

    private static void Number(StringBuilder html, string field, int? value, string? tone = null) =>
        html.Append("<td class=\"num").Append(tone is null ? "" : " " + tone).Append("\" data-field=\"").Append(field)
            .Append("\" data-value=\"").Append(ReportText.DataValue(value)).Append("\">").Append(ReportText.Score(value)).Append("</td>");

    private static void Text(StringBuilder html, string field, string text, string? cssClass = null) =>
        html.Append("<td").Append(cssClass is null ? "" : $" class=\"{cssClass}\"").Append(" data-field=\"").Append(field).Append("\">")
            .Append(Html.Encode(text)).Append("</td>");
}
