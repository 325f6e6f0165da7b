using System.Text;
using AiGuard.Cli.Audit.Yaml;
using AiGuard.Sandbox.Tests.Clients;
using AiGuard.Testing;

namespace AiGuard.EndToEnd.Tests.ArgoCd;

/// <summary>
/// Runs each Argo CD health check in config/argocd/resource_customizations with lua5.1 (Argo CD embeds gopher-lua,
/// a Lua 5.1) against the fixtures its health_test.yaml lists, as Argo CD's own resource_customizations tests do,
/// and compares the status and message.
/// </summary>
public sealed class ArgoCdHealthTests
{
    private static readonly string Customizations = RepositoryRoot.Combine("config", "argocd", "resource_customizations");

    public static TheoryData<string> Kinds => new(KindNames());

    [Fact]
    public void Every_aiguard_kind_has_a_health_check_with_tests()
    {
        Assert.Equal(["GuardException", "GuardPolicy", "ModelDeployment"], KindNames());
        foreach (var kind in KindNames())
        {
            var directory = Path.Combine(Customizations, "aiguard.io", kind);
            Assert.True(File.Exists(Path.Combine(directory, "health.lua")), $"{kind}: no health.lua");
            var listed = HealthCases(directory).Select(c => Path.GetFullPath(Path.Combine(directory, c.InputPath))).ToHashSet();
            var fixtures = Directory.GetFiles(Path.Combine(directory, "testdata"), "*.yaml").Select(Path.GetFullPath);
            var unlisted = fixtures.Where(f => !listed.Contains(f)).ToList();
            Assert.True(unlisted.Count == 0, $"{kind}: fixtures no test uses: {string.Join(", ", unlisted)}");
        }
    }

    [ToolTheory("lua5.1")]
    [MemberData(nameof(Kinds))]
    public async Task Health_check_returns_the_status_and_message_its_tests_expect(string kind)
    {
        var directory = Path.Combine(Customizations, "aiguard.io", kind);
        var script = await File.ReadAllTextAsync(Path.Combine(directory, "health.lua"));
        var failures = new List<string>();
        foreach (var test in HealthCases(directory))
        {
            var (status, message) = await EvaluateAsync(script, Path.Combine(directory, test.InputPath));
            if (status != test.Status || message != test.Message)
            {
                failures.Add($"{test.InputPath}: expected {test.Status} \"{test.Message}\", got {status} \"{message}\"");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [ToolFact("lua5.1")]
    public async Task Model_deployment_health_follows_the_operators_status_not_the_spec_its_owner_writes()
    {
        // The owner of a blocked model sets spec.enforcement: Audit and fakes a phase in an annotation: still Degraded.
        var directory = Path.Combine(Customizations, "aiguard.io", "ModelDeployment");
        var blocked = await File.ReadAllTextAsync(Path.Combine(directory, "testdata", "blocked.yaml"));
        var tampered = blocked.Replace("  enforcement: Enforce\n  model:", "  enforcement: Audit\n  model:", StringComparison.Ordinal)
            .Replace("  namespace: ml-prod\n", "  namespace: ml-prod\n  annotations:\n    status.phase: Compliant\n", StringComparison.Ordinal);
        Assert.NotEqual(blocked, tampered);
        var file = Path.Combine(Directory.CreateTempSubdirectory("aiguard-argocd-").FullName, "tampered.yaml");
        await File.WriteAllTextAsync(file, tampered);

        var (status, _) = await EvaluateAsync(await File.ReadAllTextAsync(Path.Combine(directory, "health.lua")), file);

        Assert.Equal("Degraded", status);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    private static List<string> KindNames() =>
        Directory.GetDirectories(Path.Combine(Customizations, "aiguard.io")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<HealthCase> HealthCases(string directory)
    {
        var document = Single(File.ReadAllText(Path.Combine(directory, "health_test.yaml")));
        foreach (var test in document["tests"]!.AsArray())
        {
            var health = test!["healthStatus"]!;
            yield return new HealthCase(test["inputPath"]!.GetValue<string>(), health["status"]!.GetValue<string>(), health["message"]!.GetValue<string>());
        }
    }

    private static System.Text.Json.Nodes.JsonNode Single(string yaml)
    {
        var document = Assert.Single(YamlDocumentReader.Read(yaml));
        return JsonProjection.Convert(document.Root!).Json!;
    }

    /// <summary>Runs <paramref name="script"/> with the fixture as the global <c>obj</c>; returns hs.status and hs.message.</summary>
    private static async Task<(string Status, string Message)> EvaluateAsync(string script, string fixture)
    {
        var program = new StringBuilder()
            .Append("obj = ").AppendLine(LuaLiteral.From(Single(await File.ReadAllTextAsync(fixture))))
            .AppendLine("local function health()").AppendLine(script).AppendLine("end")
            .AppendLine("local hs = health()")
            .AppendLine("io.write(tostring(hs.status), \"\\n\", tostring(hs.message))")
            .ToString();
        var run = await KubeClientTools.RunAsync(HostTools.Require("lua5.1"), ["-"], new Dictionary<string, string>(), TimeSpan.FromSeconds(30), program);
        Assert.True(run.ExitCode == 0 && run.StdErr.Length == 0, $"{Path.GetFileName(fixture)}: lua failed\n{run}");
        var lines = run.StdOut.Split('\n', 2);
        return (lines[0], lines.Length > 1 ? lines[1] : "");
    }

    private sealed record HealthCase(string InputPath, string Status, string Message);
}
