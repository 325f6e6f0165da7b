namespace AiGuard.Cli.Tests.Audit;

/// <summary>Bad input never crashes: every error is <c>file:line:column: field: message</c> on stderr, and the exit code is 2.</summary>
public sealed class AuditInputErrorTests : IDisposable
{
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliOutcome AuditFile(string yaml, string name = "bad.yaml")
    {
        _dir.Write(name, yaml);
        return AuditCli.Run(Path.Combine(_dir.Root, name));
    }

    private string FileName(string name = "bad.yaml") => Path.Combine(_dir.Root, name).Replace('\\', '/');

    private static void AssertInputError(CliOutcome outcome)
    {
        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Equal("", outcome.Stdout);
        Assert.DoesNotContain("   at ", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_syntax_error_names_file_line_and_column()
    {
        var outcome = AuditFile("apiVersion: v1\nkind: [Namespace\nmetadata: {}\n");

        AssertInputError(outcome);
        Assert.Matches($@"^{Escape(FileName())}:\d+:\d+: invalid YAML", outcome.Stderr);
    }

    [Fact]
    public void Type_error_points_at_the_value_and_names_the_field()
    {
        var outcome = AuditFile(Manifests.Compliant().Replace("replicas: 2", "replicas: abc", StringComparison.Ordinal));

        AssertInputError(outcome);
        Assert.Contains($"{FileName()}:14:15: spec.serving.replicas: Invalid value: \"string\": spec.serving.replicas in body must be of type integer: \"string\"", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void List_where_a_map_belongs_is_reported()
    {
        var yaml = Manifests.Compliant().Replace("  model:\n", "  model: [one]\n  x-model:\n", StringComparison.Ordinal);

        var outcome = AuditFile(yaml);

        AssertInputError(outcome);
        Assert.Contains($"{FileName()}:9:3: spec.model: Invalid value: \"array\": spec.model in body must be of type object: \"array\"", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_field_is_reported_at_its_parent()
    {
        var yaml = Manifests.Compliant().Replace("    uri: s3://models/clean/model.onnx\n", "", StringComparison.Ordinal);

        var outcome = AuditFile(yaml);

        AssertInputError(outcome);
        Assert.Contains($"{FileName()}:10:5: spec.model.uri: Required value", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_points_at_the_key_and_suggests_the_right_one()
    {
        var outcome = AuditFile(Manifests.Compliant().Replace("replicas: 2", "replcas: 2", StringComparison.Ordinal));

        AssertInputError(outcome);
        Assert.Contains($"{FileName()}:14:5: spec.serving.replcas: unknown field \"spec.serving.replcas\" (did you mean \"replicas\"?)", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_is_an_error_naming_the_first_occurrence()
    {
        var outcome = AuditFile(Manifests.Compliant().Replace("  riskLevel: limited\n", "  riskLevel: limited\n  owner: someone-else\n", StringComparison.Ordinal));

        AssertInputError(outcome);
        Assert.Contains($"{FileName()}:9:3: duplicate key \"owner\" (first at line 7)", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Spec_the_api_server_rejects_is_an_input_error_with_the_api_server_message()
    {
        var outcome = AuditFile(Manifests.Compliant().Replace("riskLevel: limited", "riskLevel: unacceptable", StringComparison.Ordinal));

        AssertInputError(outcome);
        Assert.Contains($"{FileName()}:8:14: spec.riskLevel: Invalid value: \"unacceptable\": riskLevel 'unacceptable' is a prohibited use", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_with_both_sources_is_located_at_the_secret()
    {
        var yaml = Manifests.Compliant(extraSpec: "  secrets:\n    - name: db\n      existingSecret: db\n      sealedData: {token: AGS1abc}");

        var outcome = AuditFile(yaml);

        AssertInputError(outcome);
        Assert.Contains($"{FileName()}:16:7: spec.secrets[0]: Invalid value: \"object\": a secret needs exactly one of sealedData or existingSecret", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_quantity_and_time_are_reported_with_the_expected_form()
    {
        var yaml = Manifests.Documents(
            Manifests.Compliant(extraSpec: "    resources:\n      limits:\n        memory: lots"),
            Manifests.Exception("late", "ml-prod", "clean", "AIG-NET-01", "next week"));

        var outcome = AuditFile(yaml);

        AssertInputError(outcome);
        Assert.Contains("spec.serving.resources.limits[memory]: Invalid value: \"lots\": spec.serving.resources.limits[memory] in body should match", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.expiresAt: Invalid value: \"next week\": spec.expiresAt in body must be of type date-time: \"next week\"", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_every_file_is_reported_at_once()
    {
        _dir.Write("a.yaml", Manifests.Compliant("a").Replace("replicas: 2", "replicas: many", StringComparison.Ordinal));
        _dir.Write("b.yaml", Manifests.Compliant("b").Replace("image: vllm", "image: [vllm", StringComparison.Ordinal));

        var outcome = AuditCli.Run(_dir.Root);

        AssertInputError(outcome);
        Assert.Contains("a.yaml:14:15: spec.serving.replicas", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("b.yaml:", outcome.Stderr, StringComparison.Ordinal);
        // The type error is blocking, so the API server (and the audit) also says the CEL rules were not checked.
        Assert.Contains("a.yaml:1:1: <nil>: Invalid value: \"null\": some validation rules were not checked", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("aiguard audit: 3 input errors; nothing was evaluated", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_version_of_the_aiguard_group_is_an_error()
    {
        var outcome = AuditFile(Manifests.Compliant().Replace("aiguard.io/v1alpha1", "aiguard.io/v2", StringComparison.Ordinal));

        AssertInputError(outcome);
        Assert.Contains($"{FileName()}:1:13: apiVersion: unsupported version aiguard.io/v2", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kind_of_the_aiguard_group_is_an_error()
    {
        var outcome = AuditFile(Manifests.Compliant().Replace("kind: ModelDeployment", "kind: ModelDeploymnet", StringComparison.Ordinal));

        AssertInputError(outcome);
        Assert.Contains("kind: unknown kind ModelDeploymnet in aiguard.io/v1alpha1", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_exception_is_an_error_not_a_silent_non_waiver()
    {
        var yaml = Manifests.Exception("short", "ml-prod", "clean", "AIG-NET-01", "2030-01-01T00:00:00Z")
            .Replace("vendor fix ships next sprint; ingress limited to checkout", "trust me", StringComparison.Ordinal);

        var outcome = AuditFile(yaml);

        AssertInputError(outcome);
        Assert.Contains($"{FileName()}:9:18: spec.justification: Invalid value: \"", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_override_keyed_by_something_other_than_a_control_id_is_an_error()
    {
        var outcome = AuditFile(Manifests.LowTokenPolicy.Replace("AIG-RBAC-01:", "rbac-01:", StringComparison.Ordinal));

        AssertInputError(outcome);
        Assert.Contains($"{FileName()}:6:3: spec.controls: Invalid value: \"object\": control overrides must be keyed by control ids such as AIG-NET-01", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_model_defined_twice_names_the_first_definition()
    {
        _dir.Write("a.yaml", Manifests.Compliant());
        _dir.Write("b.yaml", Manifests.Compliant());

        var outcome = AuditCli.Run(_dir.Root);

        AssertInputError(outcome);
        Assert.Contains($"b.yaml:4:9: metadata.name: ModelDeployment ml-prod/clean is already defined at {_dir.Root.Replace('\\', '/')}/a.yaml:1", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_bomb_is_rejected_quickly()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 8; i++)
        {
            yaml += $"{(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]\n";
        }

        var outcome = AuditFile(yaml);

        AssertInputError(outcome);
        Assert.Contains("document expands to more than", outcome.Stderr, StringComparison.Ordinal);
    }

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
