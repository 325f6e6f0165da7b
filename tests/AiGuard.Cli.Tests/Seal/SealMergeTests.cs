using AiGuard.Sealing;

namespace AiGuard.Cli.Tests.Seal;

[Collection(SealKeysCollection.Name)]
public sealed class SealMergeTests(SealKeys keys) : IDisposable
{
    private const string Canary = "canary-merge-51c0-never-print";

    private const string Manifest = """
        # Platform team: fraud scoring stack.
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: scorer-config, namespace: ml-prod}
        data:
          mode: strict   # keep
        ---
        apiVersion: aiguard.io/v1alpha1
        kind: ModelDeployment
        metadata:
          name: fraud-scorer
          namespace: ml-prod
        spec:
          owner: team-risk@example.com   # accountable team
          model:
            uri: s3://models/fraud/v3/model.onnx
          serving:
            image: ghcr.io/acme/triton:24.08-py3
          secrets:
            # registry pull token, rotated monthly
            - name: registry-token
              mountPath: /var/run/secrets/registry
              sealedData:
                token: AGS1old-token
                user: AGS1old-user    # kept
            - name: other
              existingSecret: other-creds
          updates:
            patch: Manual
        ---
        # A second model that must not be touched.
        apiVersion: aiguard.io/v1alpha1
        kind: ModelDeployment
        metadata:
          name: fraud-scorer-canary
          namespace: ml-prod
        spec:
          owner: team-risk@example.com
          secrets: []
        """;

    /// <summary>The sample manifest, for the fuzz tests.</summary>
    internal const string SampleManifest = Manifest;

    private readonly string _dir = Directory.CreateTempSubdirectory("aiguard-merge-").FullName;

    private async Task<(SealOutcome Result, string Before, string After)> MergeAsync(string manifest, string model, string secret, params string[] more)
    {
        var path = Path.Combine(_dir, "manifest.yaml");
        await File.WriteAllTextAsync(path, manifest);
        var result = await SealCli.RunAsync(
            ["--namespace", "ml-prod", "--model", model, "--secret", secret, "--cert", keys.CertificatePath, "--merge-into", path, .. more]);
        return (result, manifest, await File.ReadAllTextAsync(path));
    }

    // The edit changed only one contiguous region: everything before and after it is byte-identical.
    private static (string Removed, string Added) ChangedRegion(string before, string after)
    {
        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[^(suffix + 1)] == after[^(suffix + 1)])
        {
            suffix++;
        }

        return (before[prefix..^suffix], after[prefix..^suffix]);
    }

    [Fact]
    public async Task Adds_an_entry_at_the_end_of_the_list_and_leaves_every_other_byte_alone()
    {
        var (result, before, after) = await MergeAsync(Manifest, "fraud-scorer", "db-creds", "--from-literal", $"password={Canary}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("added spec.secrets entry db-creds of ModelDeployment ml-prod/fraud-scorer", result.Stdout);
        var (removed, added) = ChangedRegion(before, after);
        Assert.Equal("", removed);
        Assert.StartsWith("  - name: db-creds\n", added);
        Assert.Contains("      existingSecret: other-creds\n    - name: db-creds\n      sealedData:\n        password: AGS1", after);
        var entry = SealYaml.Secret(after, "fraud-scorer", "db-creds");
        Assert.Equal(Canary, keys.Open(SealYaml.SealedData(entry)["password"], SealingScope.Strict("ml-prod", "fraud-scorer", "db-creds")));
        Assert.Equal(3, SealYaml.Documents(after).Count);
        Assert.DoesNotContain(Canary, after + result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Replaces_the_entry_of_that_name_keeping_its_mount_path_and_other_keys()
    {
        var (result, before, after) = await MergeAsync(Manifest, "fraud-scorer", "registry-token", "--from-literal", $"token={Canary}", "--from-literal", "extra=x");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("updated spec.secrets entry registry-token", result.Stdout);
        var (removed, _) = ChangedRegion(before, after);
        Assert.Contains("old-token", removed);
        Assert.DoesNotContain("# registry pull token", removed); // the comment above the entry stays
        Assert.DoesNotContain("other-creds", removed);
        var entry = SealYaml.Secret(after, "fraud-scorer", "registry-token");
        Assert.Equal("/var/run/secrets/registry", SealYaml.Text(entry, "mountPath"));
        var data = SealYaml.SealedData(entry);
        Assert.Equal(["token", "user", "extra"], data.Keys);
        Assert.Equal("AGS1old-user", data["user"]);
        var here = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");
        Assert.Equal(Canary, keys.Open(data["token"], here));
        Assert.Equal("x", keys.Open(data["extra"], here));
        Assert.Equal(1, after.Split("name: registry-token").Length - 1);
    }

    [Fact]
    public async Task Replaces_an_existing_secret_reference_with_sealed_values_and_says_so()
    {
        var (result, _, after) = await MergeAsync(Manifest, "fraud-scorer", "other", "--from-literal", "k=v");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("referred to the existing Secret other-creds", result.Stderr);
        var entry = SealYaml.Secret(after, "fraud-scorer", "other");
        Assert.Null(SealYaml.Text(entry, "existingSecret"));
        Assert.Single(SealYaml.SealedData(entry));
    }

    [Fact]
    public async Task Fills_an_empty_flow_list_of_the_named_model_only()
    {
        var (result, before, after) = await MergeAsync(Manifest, "fraud-scorer-canary", "db-creds", "--from-literal", "k=v");

        Assert.True(result.ExitCode == 0, result.ToString());
        var (removed, added) = ChangedRegion(before, after);
        Assert.Equal(" []", removed);
        Assert.StartsWith("\n    - name: db-creds\n", added);
        Assert.Equal(Manifest[..Manifest.IndexOf("fraud-scorer-canary", StringComparison.Ordinal)], after[..Manifest.IndexOf("fraud-scorer-canary", StringComparison.Ordinal)]);
        Assert.Equal("v", keys.Open(SealYaml.SealedData(SealYaml.Secret(after, "fraud-scorer-canary", "db-creds"))["k"], SealingScope.Strict("ml-prod", "fraud-scorer-canary", "db-creds")));
    }

    [Fact]
    public async Task Adds_spec_secrets_when_the_model_has_none()
    {
        const string manifest = """
            apiVersion: aiguard.io/v1alpha1
            kind: ModelDeployment
            metadata:
              name: fraud-scorer
            spec:
              owner: team-risk@example.com
              serving:
                image: ghcr.io/acme/triton:24.08-py3   # pinned
            # trailing comment stays last
            """;

        var (result, before, after) = await MergeAsync(manifest, "fraud-scorer", "db-creds", "--from-literal", "k=v", "--expose", "Env");

        Assert.True(result.ExitCode == 0, result.ToString());
        var (removed, added) = ChangedRegion(before, after);
        Assert.Equal("", removed);
        Assert.StartsWith("  secrets:\n    - name: db-creds\n      expose: Env\n", added);
        Assert.EndsWith("# trailing comment stays last", after);
        Assert.Equal("Env", SealYaml.Text(SealYaml.Secret(after, "fraud-scorer", "db-creds"), "expose"));
    }

    [Fact]
    public async Task Keeps_windows_line_breaks()
    {
        var manifest = Manifest.Replace("\n", "\r\n", StringComparison.Ordinal);

        var (result, before, after) = await MergeAsync(manifest, "fraud-scorer", "db-creds", "--from-literal", "k=v");

        Assert.True(result.ExitCode == 0, result.ToString());
        var (_, added) = ChangedRegion(before, after);
        Assert.Contains("\r\n", added);
        Assert.DoesNotContain("\n", added.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.Equal("v", keys.Open(SealYaml.SealedData(SealYaml.Secret(after, "fraud-scorer", "db-creds"))["k"], SealingScope.Strict("ml-prod", "fraud-scorer", "db-creds")));
    }

    [Fact]
    public async Task Refuses_when_the_model_is_not_in_the_file_and_leaves_it_unchanged()
    {
        var (result, before, after) = await MergeAsync(Manifest, "no-such-model", "db-creds", "--from-literal", $"k={Canary}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no ModelDeployment named no-such-model in namespace ml-prod (found: ml-prod/fraud-scorer, ml-prod/fraud-scorer-canary)", result.Stderr);
        Assert.Equal(before, after);
        Assert.DoesNotContain(Canary, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Refuses_a_model_of_another_namespace()
    {
        var path = Path.Combine(_dir, "manifest.yaml");
        await File.WriteAllTextAsync(path, Manifest);

        var result = await SealCli.RunAsync("--namespace", "ml-dev", "--model", "fraud-scorer", "--secret", "s", "--cert", keys.CertificatePath, "--merge-into", path, "--from-literal", "k=v");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no ModelDeployment named fraud-scorer in namespace ml-dev", result.Stderr);
        Assert.Equal(Manifest, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Refuses_a_file_that_does_not_parse_naming_the_line()
    {
        const string broken = "apiVersion: aiguard.io/v1alpha1\nkind: ModelDeployment\nmetadata:\n  name: [unclosed\nspec: {}\n";

        var (result, before, after) = await MergeAsync(broken, "fraud-scorer", "db-creds", "--from-literal", $"k={Canary}");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Matches(@"manifest\.yaml:\d+:\d+: not valid YAML", result.Stderr);
        Assert.Contains("the file was not changed", result.Stderr);
        Assert.DoesNotContain(":0:", result.Stderr);
        Assert.Equal(before, after);
        Assert.DoesNotContain(Canary, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Refuses_a_flow_style_list_it_cannot_edit_line_by_line()
    {
        const string manifest = "apiVersion: aiguard.io/v1alpha1\nkind: ModelDeployment\nmetadata: {name: fraud-scorer}\nspec:\n  secrets: [{name: a, existingSecret: b}]\n";

        var (result, before, after) = await MergeAsync(manifest, "fraud-scorer", "db-creds", "--from-literal", "k=v");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("manifest.yaml:5: spec.secrets is not a block list", result.Stderr);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Refuses_a_list_with_an_item_that_is_not_an_entry()
    {
        const string manifest = "apiVersion: aiguard.io/v1alpha1\nkind: ModelDeployment\nmetadata: {name: fraud-scorer}\nspec:\n  secrets:\n    - name: a\n      existingSecret: b\n    - stray\n";

        var (result, before, after) = await MergeAsync(manifest, "fraud-scorer", "db-creds", "--from-literal", "k=v");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("manifest.yaml:8: spec.secrets holds an item that is not a name/value mapping", result.Stderr);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Leaves_no_temporary_file_behind()
    {
        var (result, _, _) = await MergeAsync(Manifest, "fraud-scorer", "db-creds", "--from-literal", "k=v");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["manifest.yaml"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
