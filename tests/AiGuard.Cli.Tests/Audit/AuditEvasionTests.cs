using System.Text;
using System.Text.Json;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// A ModelDeployment that kubectl would apply is never skipped or passed unaudited because of how it is written:
/// byte-order marks, a foreign or missing apiVersion, the case of its kind, Lists, YAML tags and aliases.
/// </summary>
public sealed class AuditEvasionTests : IDisposable
{
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertAuditedAndFailing(CliOutcome outcome, string name = "open")
    {
        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        var results = JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("results");
        var result = Assert.Single(results.EnumerateArray());
        Assert.Equal(name, result.GetProperty("name").GetString());
        Assert.Contains(result.GetProperty("findings").EnumerateArray(), f => f.GetProperty("control").GetString() == "AIG-NET-01");
    }

    private static void AssertInputError(CliOutcome outcome, string expected)
    {
        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Equal("", outcome.Stdout);
        Assert.Contains(expected, outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped", outcome.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    private static string Boms(int count) => new('\uFEFF', count);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Leading_byte_order_marks_of_a_file_are_stripped(int count)
    {
        var path = Path.Combine(_dir.Root, "model.yaml");
        File.WriteAllText(path, Boms(count) + Manifests.OpenIngress(), new UTF8Encoding(false));
        Assert.Equal(Enumerable.Repeat((byte)0xEF, 1), File.ReadAllBytes(path).Take(1));

        AssertAuditedAndFailing(AuditCli.Run(path, "--format", "json"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Leading_byte_order_marks_on_stdin_are_stripped(int count) =>
        AssertAuditedAndFailing(AuditCli.Pipe(Boms(count) + Manifests.OpenIngress(), "-", "--format", "json"));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Byte_order_marks_at_the_start_of_a_later_document_are_stripped(int count)
    {
        var yaml = Manifests.Namespace("ml-prod", "{}") + "\n---\n" + Boms(count) + Manifests.OpenIngress();
        var path = _dir.Write("stream.yaml", yaml);

        AssertAuditedAndFailing(AuditCli.Run(path, "--format", "json"));
        AssertAuditedAndFailing(AuditCli.Pipe(yaml, "-", "--format", "json"));
    }

    [Fact]
    public void Our_kind_without_api_version_is_an_error_at_the_object()
    {
        var yaml = Manifests.OpenIngress().Replace("apiVersion: aiguard.io/v1alpha1\n", "", StringComparison.Ordinal);

        AssertInputError(AuditCli.Pipe(yaml, "-"),
            "<stdin>:1:1: apiVersion: required field is missing; ModelDeployment needs apiVersion: aiguard.io/v1alpha1");
    }

    [Theory]
    [InlineData("v1alpha1")]
    [InlineData("example.com/v1alpha1")]
    [InlineData("AiGuard.io/v1alpha1")]
    [InlineData("v1")]
    public void Our_kind_with_a_foreign_api_version_is_an_error_naming_the_field(string apiVersion)
    {
        var yaml = Manifests.OpenIngress().Replace("aiguard.io/v1alpha1", apiVersion, StringComparison.Ordinal);

        AssertInputError(AuditCli.Pipe(yaml, "-"),
            $"<stdin>:1:13: apiVersion: {apiVersion} is not aiguard.io/v1alpha1; ModelDeployment is AiGuard's kind");
    }

    [Theory]
    [InlineData("GuardException")]
    [InlineData("GuardPolicy")]
    public void Every_kind_of_ours_needs_our_api_version(string kind)
    {
        var yaml = $"apiVersion: aiguard.io/v1\nkind: {kind}\nmetadata: {{name: x, namespace: ml-prod}}\nspec: {{}}\n";

        AssertInputError(AuditCli.Pipe(yaml, "-"), "<stdin>:1:13: apiVersion: unsupported version aiguard.io/v1; this aiguard reads aiguard.io/v1alpha1");
    }

    [Theory]
    [InlineData("modeldeployment")]
    [InlineData("MODELDEPLOYMENT")]
    [InlineData("Modeldeployment")]
    public void Kind_in_the_wrong_case_is_an_error_not_a_skip(string kind)
    {
        var yaml = Manifests.OpenIngress().Replace("kind: ModelDeployment", "kind: " + kind, StringComparison.Ordinal);

        AssertInputError(AuditCli.Pipe(yaml, "-"), $"<stdin>:2:7: kind: unknown kind {kind}: kinds are case-sensitive (kubectl rejects it too); write ModelDeployment");
    }

    [Fact]
    public void Wrong_case_kind_without_our_api_version_is_an_error_too()
    {
        var yaml = Manifests.OpenIngress().Replace("kind: ModelDeployment", "kind: modeldeployment", StringComparison.Ordinal)
            .Replace("aiguard.io/v1alpha1", "v1", StringComparison.Ordinal);

        AssertInputError(AuditCli.Pipe(yaml, "-"), "<stdin>:1:13: apiVersion: v1 is not aiguard.io/v1alpha1");
    }

    [Fact]
    public void Lists_nested_in_lists_are_audited()
    {
        var model = Manifests.OpenIngress().Replace("\n", "\n        ", StringComparison.Ordinal);
        var yaml = $"apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: List\n    items:\n      - {model}\n";

        AssertAuditedAndFailing(AuditCli.Pipe(yaml, "-", "--format", "json"));
    }

    [Fact]
    public void List_whose_items_are_not_a_list_is_an_error()
    {
        var yaml = "apiVersion: v1\nkind: List\nitems:\n  apiVersion: aiguard.io/v1alpha1\n  kind: ModelDeployment\n";

        AssertInputError(AuditCli.Pipe(yaml, "-"), "<stdin>:4:3: items: a List needs items: a list of objects");
    }

    [Fact]
    public void Binary_tagged_kind_is_decoded_as_kubectl_does()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("ModelDeployment"));
        var yaml = Manifests.OpenIngress().Replace("kind: ModelDeployment", "kind: !!binary " + encoded, StringComparison.Ordinal);

        AssertAuditedAndFailing(AuditCli.Pipe(yaml, "-", "--format", "json"));
    }

    [Theory]
    [InlineData("apiVersion: aiguard.io/v1alpha1", "apiVersion: !custom aiguard.io/v1alpha1")]
    [InlineData("kind: ModelDeployment", "kind: !!str ModelDeployment")]
    [InlineData("kind: ModelDeployment", "kind: \"Model\\u0044eployment\"")]
    [InlineData("apiVersion: aiguard.io/v1alpha1\nkind: ModelDeployment", "<<: {apiVersion: aiguard.io/v1alpha1, kind: ModelDeployment}")]
    public void Tags_escapes_and_merge_keys_do_not_hide_the_kind(string original, string rewritten)
    {
        var yaml = Manifests.OpenIngress().Replace(original, rewritten, StringComparison.Ordinal);
        Assert.NotEqual(Manifests.OpenIngress(), yaml);

        AssertAuditedAndFailing(AuditCli.Pipe(yaml, "-", "--format", "json"));
    }

    [Fact]
    public void Anchored_kind_reused_by_an_alias_is_audited()
    {
        var yaml = Manifests.Documents(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {k: &k ModelDeployment}}",
            Manifests.OpenIngress());

        AssertAuditedAndFailing(AuditCli.Pipe(yaml, "-", "--format", "json"));
    }

    [Fact]
    public void Duplicate_kind_key_is_an_error_like_in_kubectl()
    {
        var yaml = Manifests.OpenIngress().Replace("kind: ModelDeployment\n", "kind: Service\nkind: ModelDeployment\n", StringComparison.Ordinal);

        AssertInputError(AuditCli.Pipe(yaml, "-"), "<stdin>:3:1: duplicate key \"kind\" (first at line 2)");
    }
}
