using System.Text;
using AiGuard.Engine.Controls;

namespace AiGuard.Cli.Catalog;

/// <summary>
/// ControlCatalogMarkdown renders the engine's control catalog as a Markdown table. docs/controls.md embeds this
/// output between markers, and a test keeps the two equal, so the documentation can never drift from the code.
/// </summary>
public static class ControlCatalogMarkdown
{
    public const string BeginMarker = "<!-- BEGIN GENERATED: aiguard controls --format markdown -->";
    public const string EndMarker = "<!-- END GENERATED -->";

    /// <summary>The catalog as a Markdown table, one row per control in report order.</summary>
    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("| id | area | default severity | what must hold | evaluated | how to fix |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var control in ControlCatalog.All)
        {
            text.Append($"| {control.Id} | {control.Area} | {control.DefaultSeverity} | {Escape(control.Title)} | {Where(control.Scope)} | {Escape(control.Remediation)} |\n");
        }

        return text.ToString();
    }

    /// <summary>Where a control is evaluated, in words.</summary>
    public static string Where(ControlScope scope) => scope switch
    {
        ControlScope.ClusterOnly => "cluster only",
        ControlScope.SealingKey => "cluster, or files with --sealing-key",
        _ => "files + cluster",
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
