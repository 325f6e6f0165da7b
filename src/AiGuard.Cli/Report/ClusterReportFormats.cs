namespace AiGuard.Cli.Report;

/// <summary>ClusterReportFormats maps a <c>--format</c> name of <c>aiguard report</c> to its writer.</summary>
public static class ClusterReportFormats
{
    public static IReadOnlyList<string> Names { get; } = ["table", "markdown", "json", "html"];

    /// <summary>The writer for <paramref name="name"/>, or null for an unknown format.</summary>
    public static IClusterReportWriter? For(string name) => name switch
    {
        "table" => new ReportTableWriter(),
        "markdown" => new ReportMarkdownWriter(),
        "json" => new ReportJsonWriter(),
        "html" => new ReportHtmlWriter(),
        _ => null,
    };
}
