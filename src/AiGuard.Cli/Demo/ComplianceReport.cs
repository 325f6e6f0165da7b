using Spectre.Console;
using Spectre.Console.Rendering;

namespace AiGuard.Cli.Demo;

/// <summary>ComplianceReport renders ModelDeployments as a table: name, phase, score and the top findings.</summary>
public static class ComplianceReport
{
    /// <summary>How many findings a row lists before summarising the rest.</summary>
    public const int TopFindings = 3;

    /// <summary>The table for <paramref name="rows"/>, with the expected phase when known.</summary>
    public static Table Table(IEnumerable<ModelRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("ModelDeployment")
            .AddColumn("Phase")
            .AddColumn(new TableColumn("Score").RightAligned())
            .AddColumn("Top findings");
        foreach (var row in rows)
        {
            table.AddRow(
                new Markup(Markup.Escape($"{row.Namespace}/{row.Name}")),
                Phase(row),
                new Text(row.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"),
                Findings(row));
        }

        return table;
    }

    private static Markup Phase(ModelRow row)
    {
        var colour = row.Phase switch
        {
            "Compliant" => "green",
            "Quarantined" or "Blocked" or "Error" => "red",
            "NonCompliant" => "yellow",
            _ => "grey",
        };
        return new Markup($"[{colour}]{Markup.Escape(row.Phase)}[/]");
    }

    private static Text Findings(ModelRow row)
    {
        var lines = row.Findings.Take(TopFindings)
            .Select(f => $"{f.Severity,-8} {f.Control}: {Shorten(f.Message, 64)}")
            .ToList();
        if (row.Findings.Count > TopFindings)
        {
            lines.Add($"... and {row.Findings.Count - TopFindings} more (kubectl get md {row.Name} -n {row.Namespace} -o yaml)");
        }

        lines.AddRange(row.Waived.Select(f => $"waived   {f.Control} by {f.WaivedBy}"));
        return new Text(lines.Count == 0 ? "none" : string.Join('\n', lines));
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";
}
