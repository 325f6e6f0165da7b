using AiGuard.Testing;

namespace AiGuard.Cli.Tests.Docs;

/// <summary>
/// docs/security.md backs every claim of its threat model with a named test. These tests keep it honest: a renamed,
/// moved or deleted test, or a row without one, fails the build instead of leaving a claim nobody checks.
/// </summary>
public sealed class SecurityDocumentationTests
{
    private const string Document = "docs/security.md";

    private static string Markdown => File.ReadAllText(RepositoryRoot.Combine("docs", "security.md"));

    [Fact]
    public void Every_test_the_threat_model_names_exists_in_the_named_file_as_a_test()
    {
        var malformed = new List<string>();
        var references = DocumentedTest.FindAll(Markdown, malformed);

        Assert.True(malformed.Count == 0, $"{Document}: references not in the form `tests/<Project>/<path>.cs: Class.Method`:\n" + string.Join("\n", malformed));
        // A parser that finds nothing would pass everything: the table alone names far more than this.
        Assert.True(references.Count >= 50, $"{Document}: only {references.Count} test references found");
        var problems = references
            .Select(r => (r.Line, Problem: r.Problem(RepositoryRoot.Path)))
            .Where(r => r.Problem is not null)
            .Select(r => $"{Document}:{r.Line}: {r.Problem}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_row_of_the_findings_table_names_a_test()
    {
        var lines = Markdown.ReplaceLineEndings("\n").Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("| Finding or protection |", StringComparison.Ordinal));
        Assert.True(header >= 0, $"{Document} has no findings table");

        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Select((text, i) => (Line: header + 3 + i, Text: text)).ToList();
        var bare = rows.Where(r => DocumentedTest.FindAll(r.Text, []).Count == 0).Select(r => $"{Document}:{r.Line}").ToList();

        Assert.True(rows.Count >= 20, $"{Document}: the findings table has only {rows.Count} rows");
        Assert.True(bare.Count == 0, "findings table rows without a test: " + string.Join(", ", bare));
    }

    [Theory]
    [InlineData("tests/AiGuard.Cli.Tests/Audit/NoSuchTests.cs: NoSuchTests.Anything", "does not exist")]
    [InlineData("tests/AiGuard.Cli.Tests/Audit/AuditEvasionTests.cs: AuditPolicyTrustTests.Every_format_lists_what_it_ignored", "declares no class AuditPolicyTrustTests")]
    [InlineData("tests/AiGuard.Cli.Tests/Audit/AuditEvasionTests.cs: AuditEvasionTests.Leading_byte_order_marks_are_ignored", "declares no public test method")]
    [InlineData("tests/AiGuard.Cli.Tests/Audit/AuditEvasionTests.cs: AuditEvasionTests.Dispose", "is not a test")]
    [InlineData("tests/../src/AiGuard.Cli/Program.cs: Program.Main", "is not under tests/")]
    public void A_reference_to_a_missing_file_class_or_method_or_to_a_helper_is_reported(string reference, string expected)
    {
        var malformed = new List<string>();
        var found = Assert.Single(DocumentedTest.FindAll($"intro\n| row | `{reference}` |\n", malformed));

        Assert.Empty(malformed);
        Assert.Equal(2, found.Line);
        Assert.Contains(expected, found.Problem(RepositoryRoot.Path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("`tests/AiGuard.Cli.Tests/Audit/AuditEvasionTests.cs: AuditEvasionTests.Leading byte order marks`")]
    [InlineData("`tests/AiGuard.Cli.Tests/Audit/AuditEvasionTests.cs: AuditEvasionTests`")]
    [InlineData("`tests/AiGuard.Cli.Tests/Audit/AuditEvasionTests.cs:AuditEvasionTests.Lists_nested_in_lists_are_audited`")]
    public void A_reference_in_the_wrong_form_is_reported_not_skipped(string text)
    {
        var malformed = new List<string>();

        Assert.Empty(DocumentedTest.FindAll(text, malformed));
        Assert.NotEmpty(malformed);
    }

    [Fact]
    public void A_real_test_is_accepted()
    {
        var found = Assert.Single(DocumentedTest.FindAll(
            "`tests/AiGuard.Cli.Tests/Audit/AuditEvasionTests.cs: AuditEvasionTests.Leading_byte_order_marks_of_a_file_are_stripped`", []));

        Assert.Null(found.Problem(RepositoryRoot.Path));
    }
}
