using System.Text.Json;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>What the audit reads: stdin, directories, multi-document streams, Lists, Namespaces, policies and exceptions.</summary>
public sealed class AuditInputTests : IDisposable
{
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonElement Json(CliOutcome outcome)
    {
        Assert.True(outcome.ExitCode is 0 or 1, outcome.ToString());
        return JsonDocument.Parse(outcome.Stdout).RootElement;
    }

    private static List<string> Names(JsonElement report) =>
        report.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();

    private static List<string> Controls(JsonElement result, bool waived = false) =>
        result.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("waived").GetBoolean() == waived)
            .Select(f => f.GetProperty("control").GetString()!).ToList();

    [Fact]
    public void Stdin_is_read_for_dash_and_named_stdin_in_sources()
    {
        var report = Json(AuditCli.Pipe(Manifests.OpenIngress(), "-", "--format", "json"));

        var result = Assert.Single(report.GetProperty("results").EnumerateArray());
        Assert.Equal("<stdin>:1", result.GetProperty("source").GetString());
        Assert.Equal(["AIG-NET-01"], Controls(result));
    }

    [Fact]
    public void Directories_recurse_in_sorted_order_and_read_only_manifest_extensions()
    {
        _dir.Write("b/z.yaml", Manifests.Compliant("bz"));
        _dir.Write("b/a.yml", Manifests.Compliant("ba"));
        _dir.Write("a.json", """{"apiVersion":"aiguard.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"json","namespace":"ml-prod"},"spec":{"owner":"o","riskLevel":"minimal","model":{"uri":"s3://m/x","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},"serving":{"image":"nginx:1.27"}}}""");
        _dir.Write("c/README.md", "not: [yaml");
        _dir.Write(".git/config.yaml", "broken: [");

        var report = Json(AuditCli.Run(_dir.Root, "--format", "json"));

        Assert.Equal(["json", "ba", "bz"], Names(report));
        var sources = report.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("source").GetString()).ToList();
        var root = _dir.Root.Replace('\\', '/');
        Assert.Equal([$"{root}/a.json:1", $"{root}/b/a.yml:1", $"{root}/b/z.yaml:1"], sources);
    }

    [Fact]
    public void Relative_paths_are_reported_as_given()
    {
        _dir.Write("manifests/model.yaml", Manifests.Compliant());
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(_dir.Root, "manifests")).Replace('\\', '/');

        var report = Json(AuditCli.Run(relative + "/", "--format", "json"));

        Assert.False(Path.IsPathRooted(relative));
        Assert.Equal($"{relative}/model.yaml:1", report.GetProperty("results")[0].GetProperty("source").GetString());
    }

    [Fact]
    public void Multi_document_streams_skip_empty_documents_and_report_each_start_line()
    {
        var yaml = "---\n# only a comment\n---\n" + Manifests.Compliant("one") + "\n---\n---\n" + Manifests.OpenIngress("two") + "\n...\n";

        var report = Json(AuditCli.Pipe(yaml, "-", "--format", "json"));

        Assert.Equal(["one", "two"], Names(report));
        Assert.Equal("<stdin>:4", report.GetProperty("results")[0].GetProperty("source").GetString());
        Assert.Equal("<stdin>:21", report.GetProperty("results")[1].GetProperty("source").GetString());
    }

    [Fact]
    public void List_items_are_expanded_with_their_own_lines()
    {
        var items = string.Join("\n", new[] { Manifests.Compliant("first"), Manifests.OpenIngress("second") }
            .Select(m => "  - " + m.Replace("\n", "\n    ", StringComparison.Ordinal)));
        var yaml = "apiVersion: v1\nkind: List\nitems:\n" + items + "\n";

        var report = Json(AuditCli.Pipe(yaml, "-", "--format", "json"));

        Assert.Equal(["first", "second"], Names(report));
        Assert.Equal("<stdin>:4", report.GetProperty("results")[0].GetProperty("source").GetString());
        Assert.Equal("<stdin>:19", report.GetProperty("results")[1].GetProperty("source").GetString());
    }

    [Fact]
    public void Typed_lists_from_the_api_are_expanded_too()
    {
        var item = "  - " + Manifests.OpenIngress("listed").Replace("\n", "\n    ", StringComparison.Ordinal);
        var yaml = "apiVersion: aiguard.io/v1alpha1\nkind: ModelDeploymentList\nmetadata: {resourceVersion: \"42\"}\nitems:\n" + item + "\n";

        var report = Json(AuditCli.Pipe(yaml, "-", "--format", "json"));

        Assert.Equal(["listed"], Names(report));
        Assert.Equal("<stdin>:5", report.GetProperty("results")[0].GetProperty("source").GetString());
    }

    [Fact]
    public void Model_without_namespace_is_in_default()
    {
        var yaml = Manifests.Compliant().Replace("  namespace: ml-prod\n", "", StringComparison.Ordinal);

        var report = Json(AuditCli.Pipe(yaml, "-", "--format", "json"));

        Assert.Equal("default", report.GetProperty("results")[0].GetProperty("namespace").GetString());
    }

    [Fact]
    public void Namespace_labels_in_the_inputs_select_policies()
    {
        var prod = Json(AuditCli.Pipe(Manifests.Documents(Manifests.Namespace("ml-prod", "{tier: prod}"), Manifests.ProdPolicy, Manifests.Compliant()), "-", "--format", "json"));
        var dev = Json(AuditCli.Pipe(Manifests.Documents(Manifests.Namespace("ml-prod", "{tier: dev}"), Manifests.ProdPolicy, Manifests.Compliant()), "-", "--format", "json"));
        var unlabelled = Json(AuditCli.Pipe(Manifests.Documents(Manifests.ProdPolicy, Manifests.Compliant()), "-", "--format", "json"));

        Assert.Equal(["AIG-IMG-03"], Controls(prod.GetProperty("results")[0]));
        Assert.Equal("prod-baseline", prod.GetProperty("results")[0].GetProperty("findings")[0].GetProperty("policy").GetString());
        Assert.Empty(Controls(dev.GetProperty("results")[0]));
        Assert.Empty(Controls(unlabelled.GetProperty("results")[0]));
    }

    [Fact]
    public void Active_exception_waives_and_expired_one_does_not()
    {
        var yaml = Manifests.Documents(Manifests.OpenIngress("open"), Manifests.Exception("wait-for-fix", "ml-prod", "open", "AIG-NET-01", "2026-12-10T00:00:00Z"));

        var before = AuditCli.Pipe(yaml, "-", "--format", "json", "--now", "2026-12-09T23:59:59Z");
        var after = AuditCli.Pipe(yaml, "-", "--format", "json", "--now", "2026-12-10T00:00:00Z");

        Assert.Equal(0, before.ExitCode);
        var waived = Json(before).GetProperty("results")[0];
        Assert.True(waived.GetProperty("compliant").GetBoolean());
        Assert.Equal(["AIG-NET-01"], Controls(waived, waived: true));
        Assert.Equal("wait-for-fix", waived.GetProperty("findings")[0].GetProperty("waivedBy").GetString());
        Assert.Equal(0, Json(before).GetProperty("summary").GetProperty("findings").GetProperty("high").GetInt32());

        Assert.Equal(1, after.ExitCode);
        var expired = Json(after).GetProperty("results")[0];
        Assert.Equal(["AIG-NET-01"], Controls(expired));
        Assert.Equal(JsonValueKind.Null, expired.GetProperty("findings")[0].GetProperty("waivedBy").ValueKind);
    }

    [Fact]
    public void Exception_of_another_namespace_waives_nothing()
    {
        var yaml = Manifests.Documents(Manifests.OpenIngress("open"), Manifests.Exception("elsewhere", "ml-dev", "open", "AIG-NET-01", "2030-01-01T00:00:00Z"));

        var outcome = AuditCli.Pipe(yaml, "-", "--now", "2026-01-01T00:00:00Z");

        Assert.Equal(1, outcome.ExitCode);
    }

    [Fact]
    public void Unknown_kinds_are_skipped_and_counted_in_the_table_footer()
    {
        var yaml = Manifests.Documents(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: lots}",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}",
            "apiVersion: v1\nkind: Service\nmetadata: {name: web2}",
            "just: values",
            Manifests.Compliant());

        var outcome = AuditCli.Pipe(yaml, "-");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Skipped 4 documents of other kinds: (no kind) (1), Deployment (1), Service (2).", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_files_apply_to_the_audited_models()
    {
        var policy = _dir.Write("policies/prod.yaml", Manifests.Documents(Manifests.Namespace("ml-prod", "{tier: prod}"), Manifests.ProdPolicy));

        var without = AuditCli.Pipe(Manifests.Compliant(), "-");
        var with = AuditCli.Pipe(Manifests.Compliant(), "-", "--policy", policy);
        var directory = AuditCli.Pipe(Manifests.Compliant(), "-", "--policy", Path.Combine(_dir.Root, "policies"));

        Assert.Equal(0, without.ExitCode);
        Assert.Equal(1, with.ExitCode);
        Assert.Contains("AIG-IMG-03", with.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, directory.ExitCode);
    }

    [Fact]
    public void Models_in_policy_files_are_not_audited_and_a_file_named_twice_is_read_once()
    {
        var file = _dir.Write("all.yaml", Manifests.Documents(Manifests.ProdPolicy, Manifests.OpenIngress()));

        var onlyPolicy = Json(AuditCli.Pipe(Manifests.Compliant(), "-", "--policy", file, "--format", "json"));
        var both = Json(AuditCli.Run(file, _dir.Root, "--policy", file, "--format", "json"));

        Assert.Equal(["clean"], Names(onlyPolicy));
        Assert.Equal(["open"], Names(both));
    }

    [Fact]
    public void Yaml_anchors_and_merge_keys_work_as_in_kubectl()
    {
        var yaml = """
            apiVersion: aiguard.io/v1alpha1
            kind: ModelDeployment
            metadata: {name: merged, namespace: ml-prod}
            spec:
              owner: team@example.com
              riskLevel: limited
              model: &model
                uri: s3://models/m
                sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
              serving:
                <<: {image: "nginx:1.27", replicas: 9}
                replicas: 1
            """;

        var outcome = AuditCli.Pipe(yaml, "-", "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["merged"], Names(Json(outcome)));
    }
}
