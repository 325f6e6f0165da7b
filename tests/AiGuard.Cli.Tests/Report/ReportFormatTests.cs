using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiGuard.Cli.Tests.Report;

/// <summary>The table, Markdown and HTML formats carry the same numbers as the JSON, each in its own structure.</summary>
public sealed partial class ReportFormatTests(KnownOutcomesCluster cluster) : IClassFixture<KnownOutcomesCluster>
{
    private async Task<string> RunAsync(string format)
    {
        var result = await ReportCli.RunAsync("--kubeconfig", cluster.Kubeconfig, "-A", "--format", format);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        return result.Stdout;
    }

    [Fact]
    public async Task Table_is_the_default_and_prints_every_section_as_a_table()
    {
        var defaulted = await ReportCli.RunAsync("--kubeconfig", cluster.Kubeconfig, "-A");
        var table = await RunAsync("table");

        Assert.Equal(table[table.IndexOf('\n')..], defaulted.Stdout[defaulted.Stdout.IndexOf('\n')..]);
        Assert.Contains("5 ModelDeployments: 4 evaluated (2 compliant, 2 not compliant), 1 not evaluated yet; average score 81.", table, StringComparison.Ordinal);
        foreach (var section in new[] { "Compliance by namespace", "Compliance by control", "ModelDeployments, worst first", "Worst findings", "GuardExceptions expiring within 14 days", "Unmanaged AI workloads" })
        {
            Assert.Contains(section, table, StringComparison.Ordinal);
        }

        Assert.Matches(@"│ ml-prod\s+│\s+3 │\s+3 │\s+2 │\s+80 │\s+40 │ 1 critical, 1 high, 1 medium\s+│\s+1 │", table);
        Assert.Matches(@"│ AIG-IMG-02\s+│\s+3 │\s+0 │\s+1 │", table);
        Assert.Matches(@"│ ml-prod/ranker-pin\s+│ \S+Z │\s+3 │ AIG-IMG-02", table);
        Assert.DoesNotContain("\u001b[", table, StringComparison.Ordinal); // no colour codes in a pipe
    }

    [Fact]
    public async Task Markdown_has_one_github_table_per_section_with_the_same_numbers()
    {
        var markdown = await RunAsync("markdown");

        Assert.StartsWith("## AiGuard compliance report: all namespaces", markdown, StringComparison.Ordinal);
        Assert.Equal(7, HeadingLine().Count(markdown));
        Assert.Contains("| `ml-prod` | 3 | 3 | 2 | 80 | 40 | 1 critical, 1 high, 1 medium | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| AIG-IMG-02 | 3 | 0 | 1 | The image is pinned |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `research/fresh` | Pending | - | - | none | 0 | no |", markdown, StringComparison.Ordinal);
        Assert.Contains("| critical | AIG-IMG-03 | `ml-prod/chat` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `deployment/ml-prod/vllm-shadow` | `vllm/vllm-openai:v0.6.4` |", markdown, StringComparison.Ordinal);

        // Every table row has as many cells as its header.
        foreach (var table in markdown.Split("\n\n").Where(block => block.StartsWith('|')))
        {
            var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var columns = Cells(rows[0]);
            Assert.All(rows, row => Assert.Equal(columns, Cells(row)));
        }
    }

    [Fact]
    public async Task Html_carries_every_json_number_in_data_attributes()
    {
        var json = JsonDocument.Parse(await RunAsync("json")).RootElement;
        var html = await RunAsync("html");

        var totals = json.GetProperty("totals");
        Assert.Equal(totals.GetProperty("models").GetInt32(), IdValue(html, "total-models"));
        Assert.Equal(totals.GetProperty("averageScore").GetInt32(), IdValue(html, "average-score"));
        Assert.Equal(totals.GetProperty("unwaivedFindings").GetProperty("critical").GetInt32(), IdValue(html, "findings-critical"));
        Assert.Equal(totals.GetProperty("waivedFindings").GetInt32(), IdValue(html, "findings-waived"));
        Assert.Equal(totals.GetProperty("expiringExceptions").GetInt32(), IdValue(html, "expiring-exceptions"));
        Assert.Equal(totals.GetProperty("unmanagedWorkloads").GetInt32(), IdValue(html, "unmanaged-workloads"));
        foreach (var control in json.GetProperty("controls").EnumerateArray())
        {
            var row = Row(html, "data-control", control.GetProperty("control").GetString()!);
            Assert.Equal(control.GetProperty("failing").GetInt32(), Field(row, "failing"));
            Assert.Equal(control.GetProperty("waived").GetInt32(), Field(row, "waived"));
            Assert.Equal(control.GetProperty("passing").GetInt32(), Field(row, "passing"));
        }

        Assert.Equal(2, Regex.Count(html, "<svg "));
        Assert.Equal(2, Regex.Count(html, "</svg>"));
    }

    [Fact]
    public async Task Html_is_one_file_that_fetches_nothing_and_runs_no_script()
    {
        var html = await RunAsync("html");

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"", html, StringComparison.Ordinal);
        foreach (var fetch in new[] { "<script", "src=", "href=", "url(", "@import", "http:", "https:", "<link", "<img", "<iframe" })
        {
            Assert.DoesNotContain(fetch, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static int IdValue(string html, string id) =>
        int.Parse(Regex.Match(html, $"id=\"{id}\" data-value=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Row(string html, string attribute, string key)
    {
        var match = Regex.Match(html, $"<tr {attribute}=\"{Regex.Escape(key)}\">(.*?)</tr>");
        Assert.True(match.Success, $"no row {attribute}={key}");
        return match.Groups[1].Value;
    }

    private static int Field(string row, string field) =>
        int.Parse(Regex.Match(row, $"data-field=\"{field}\" data-value=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static int Cells(string row) => Regex.Count(row, @"(?<!\\)\|");

    [GeneratedRegex("^###? ", RegexOptions.Multiline)]
    private static partial Regex HeadingLine();
}
