namespace AiGuard.Cli.Audit.Formats;

/// <summary>ReportFormats maps a <c>--format</c> name to its writer.</summary>
public static class ReportFormats
{
    public static IReadOnlyList<string> Names { get; } = ["table", "json", "sarif", "junit", "markdown"];

    /// <summary>The writer for <paramref name="name"/>, or null for an unknown format.</summary>
    public static IReportWriter? For(string name) => name switch
    {
        "table" => new TableReportWriter(),
        "json" => new JsonReportWriter(),
        "sarif" => new SarifReportWriter(),
        "junit" => new JunitReportWriter(),
        "markdown" => new MarkdownReportWriter(),
        _ => null,
    };
}
