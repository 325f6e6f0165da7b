using System.Text.RegularExpressions;
using AiGuard.Operator.Sealing;
using AiGuard.Sandbox.Tests.Clients;
using AiGuard.Testing;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The object names docs/install.md and docs/operations.md give for the Helm release <c>aiguard</c> in
/// <c>aiguard-system</c> are the names the chart renders (or the operator creates), so a reader's
/// <c>kubectl get</c> finds what the page promises. The pages state them in tables after a
/// <c>&lt;!-- helm-names: ... --&gt;</c> marker (Kind | `name` | chart or operator); every other
/// <c>aiguard-aiguard-...</c> name in the pages must be rendered too.
/// </summary>
public sealed partial class HelmNamesInDocsTests
{
    private const string Marker = "<!-- helm-names:";

    public static TheoryData<string> Pages => new() { "docs/install.md", "docs/operations.md" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_helm_name_the_page_states_is_rendered_or_created_by_the_operator(string page)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, page));
        var rendered = await RenderAsync();
        var lease = LeaseName(rendered);

        var rows = MarkedRows(page, lines).ToList();
        Assert.True(rows.Count > 0, $"{page} has no table after a {Marker} marker");
        var wrong = new List<string>();
        foreach (var (line, kind, name, madeBy) in rows)
        {
            var real = madeBy switch
            {
                "chart" => rendered.OfKind(kind).Any(o => (string?)o["metadata"]?["name"] == name && IsInReleaseNamespace(o)),
                "operator" when kind == "Lease" => name == lease,
                "operator" when kind == "ConfigMap" => name == SealingKeyStore.CertificateConfigMapName,
                _ => false,
            };
            if (!real)
            {
                wrong.Add($"{page}:{line}: {kind} `{name}` ({madeBy}) is not what the chart renders or the operator creates");
            }
        }

        var names = rendered.Objects.Select(o => (string?)o["metadata"]?["name"]).Append(lease).ToHashSet();
        wrong.AddRange(lines.SelectMany((text, i) => ReleaseName().Matches(text).Select(m => (Line: i + 1, m.Value)))
            .Where(n => !names.Contains(n.Value))
            .Select(n => $"{page}:{n.Line}: `{n.Value}` is not a rendered object name"));

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public void A_row_with_a_wrong_name_or_an_unknown_maker_is_read_as_stated()
    {
        string[] lines = [Marker + " test -->", "| Kind | Name | Made by |", "| --- | --- | --- |", "| Lease | `aiguard-operator` | operator |", "| Secret | `x` | someone |", "", "| Pod | `after-the-table` | chart |"];

        var rows = MarkedRows("test.md", lines).ToList();

        Assert.Equal([(4, "Lease", "aiguard-operator", "operator"), (5, "Secret", "x", "someone")], rows);
    }

    private static async Task<RenderedChart> RenderAsync()
    {
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(60));
        return await RenderedChart.RenderReleaseAsync(session, "aiguard", "aiguard-system");
    }

    private static string? LeaseName(RenderedChart rendered) =>
        rendered.Single("Deployment")["spec"]!["template"]!["spec"]!["containers"]!.AsArray()
            .SelectMany(c => c!["env"]?.AsArray() ?? [])
            .Where(e => (string?)e!["name"] == "AIGUARD_LEASE_NAME")
            .Select(e => (string?)e!["value"]).SingleOrDefault();

    private static bool IsInReleaseNamespace(System.Text.Json.Nodes.JsonObject o) =>
        o["metadata"]?["namespace"] is null || (string?)o["metadata"]!["namespace"] == "aiguard-system";

    /// <summary>The rows of each table that follows a marker: line number, kind, the name in backticks, and who makes it.</summary>
    private static IEnumerable<(int Line, string Kind, string Name, string MadeBy)> MarkedRows(string page, string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Marker, StringComparison.Ordinal))
            {
                continue;
            }

            // Header and separator, then rows until the table ends.
            for (var j = i + 3; j < lines.Length && lines[j].StartsWith('|'); j++)
            {
                var row = Row().Match(lines[j]);
                Assert.True(row.Success, $"{page}:{j + 1}: a helm-names row is | Kind | `name` | chart or operator |");
                yield return (j + 1, row.Groups[1].Value, row.Groups[2].Value, row.Groups[3].Value);
            }
        }
    }

    [GeneratedRegex(@"^\|\s*(\w+)\s*\|\s*`([a-z0-9.-]+)`\s*\|\s*(\w+)\s*\|\s*$")]
    private static partial Regex Row();

    [GeneratedRegex(@"aiguard-aiguard-operator[a-z0-9-]*")]
    private static partial Regex ReleaseName();
}
