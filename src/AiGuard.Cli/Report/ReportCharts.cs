using System.Globalization;
using System.Text;

namespace AiGuard.Cli.Report;

/// <summary>
/// ReportCharts draws the HTML report's charts as inline SVG on the server side, so the page needs no script and
/// no request: a bar per namespace's average score and a stacked pass/fail/waived bar per control. Every bar
/// carries its number as text and in <c>data-*</c> attributes, for readers without sight of the colours and for tests.
/// </summary>
public static class ReportCharts
{
    private const int LabelWidth = 170;
    private const int BarWidth = 460;
    private const int RowHeight = 26;
    private const int BarHeight = 18;
    private const int Width = LabelWidth + BarWidth + 90;

    /// <summary>Horizontal bars of the namespaces' average scores (0-100); a namespace without a score draws no bar.</summary>
    public static string NamespaceScores(IReadOnlyList<NamespaceCompliance> namespaces)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        var height = (namespaces.Count * RowHeight) + 8;
        var svg = Open("namespace-score-chart", "Average compliance score per namespace", height);
        for (var i = 0; i < namespaces.Count; i++)
        {
            var ns = namespaces[i];
            var y = (i * RowHeight) + 4;
            var score = ns.AverageScore;
            var width = score is { } s ? BarWidth * Math.Clamp(s, 0, 100) / 100 : 0;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-namespace=\"{Html.Encode(ns.Namespace)}\" data-value=\"{ReportText.DataValue(score)}\">");
            Label(svg, y, ns.Namespace);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"track\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{BarWidth}\" height=\"{BarHeight}\"/>");
            if (width > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{ScoreClass(score)}\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{width}\" height=\"{BarHeight}\"><title>{Html.Encode(ns.Namespace)}: average score {ReportText.Score(score)}</title></rect>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{LabelWidth + BarWidth + 8}\" y=\"{y + 14}\">{ReportText.Score(score)}</text></g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>One stacked bar per control: the share of evaluated models that pass, fail and are waived.</summary>
    public static string ControlOutcomes(IReadOnlyList<ControlCompliance> controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        var height = (controls.Count * RowHeight) + 8;
        var svg = Open("control-chart", "Pass, fail and waived per control", height);
        for (var i = 0; i < controls.Count; i++)
        {
            var control = controls[i];
            var y = (i * RowHeight) + 4;
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"bar\" data-control=\"{Html.Encode(control.Control)}\" data-passing=\"{control.Passing}\" data-failing=\"{control.Failing}\" data-waived=\"{control.Waived}\">");
            Label(svg, y, control.Control);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"track\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{BarWidth}\" height=\"{BarHeight}\"/>");
            var x = LabelWidth;
            var total = control.Evaluated;
            foreach (var (count, kind) in new[] { (control.Passing, "pass"), (control.Failing, "fail"), (control.Waived, "waived") })
            {
                if (count == 0 || total == 0)
                {
                    continue;
                }

                var width = BarWidth * count / total;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{kind}\" x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{BarHeight}\"><title>{Html.Encode(control.Control)}: {count} {kind}</title></rect>");
                x += width;
            }

            svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"value\" x=\"{LabelWidth + BarWidth + 8}\" y=\"{y + 14}\">{control.Passing}/{control.Failing}/{control.Waived}</text></g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The CSS class of a score's colour: good (90 and up), fair (60 and up) or poor.</summary>
    public static string ScoreClass(int? score) => score switch
    {
        >= 90 => "good",
        >= 60 => "fair",
        null => "none",
        _ => "poor",
    };

    private static StringBuilder Open(string id, string title, int height) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{id}\" role=\"img\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" aria-label=\"{title}\"><title>{title}</title>");

    private static void Label(StringBuilder svg, int y, string text)
    {
        // A label longer than the column is cut on screen; the table beside the chart has it whole.
        var shown = text.Length > 24 ? text[..23] + "…" : text;
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{LabelWidth - 8}\" y=\"{y + 14}\">{Html.Encode(shown)}</text>");
    }
}
