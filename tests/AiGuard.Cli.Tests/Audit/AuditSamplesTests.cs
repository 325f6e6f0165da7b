using System.Text.Json;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>The README's example: <c>aiguard audit config/samples</c> over the committed sample manifests.</summary>
public sealed class AuditSamplesTests
{
    private static string Samples()
    {
        return Path.GetRelativePath(Directory.GetCurrentDirectory(), AiGuard.Testing.RepositoryRoot.Combine("config", "samples")).Replace('\\', '/');
    }

    [Fact]
    public void Samples_load_without_errors_and_only_the_noncompliant_one_fails()
    {
        var outcome = AuditCli.Run(Samples(), "--format", "json", "--now", "2026-11-25T10:00:00Z");

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        var results = JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(["chat-playground", "credit-scorer", "support-assistant"], results.Keys.Order(StringComparer.Ordinal));
        Assert.All(results.Values, r => Assert.Equal("ml-prod", r.GetProperty("namespace").GetString()));
        Assert.All(results.Values, r => Assert.Equal("Enforce", r.GetProperty("enforcement").GetString()));

        var playground = results["chat-playground"];
        Assert.False(playground.GetProperty("compliant").GetBoolean());
        // The baseline (selected through the Namespace sample's label) enforces, so the critical image finding blocks.
        Assert.Equal("Blocked", playground.GetProperty("phase").GetString());
        var controls = playground.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("control").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "AIG-IMG-03", "AIG-NET-01", "AIG-NET-02", "AIG-SEC-01", "AIG-SEC-02", "AIG-POD-01", "AIG-MOD-01", "AIG-GOV-01", "AIG-RBAC-01" }, controls);
        Assert.EndsWith("modeldeployment-noncompliant.yaml:4", playground.GetProperty("source").GetString(), StringComparison.Ordinal);

        Assert.True(results["credit-scorer"].GetProperty("compliant").GetBoolean());
        Assert.True(results["support-assistant"].GetProperty("compliant").GetBoolean());
    }

    [Fact]
    public void Samples_table_is_the_readme_output()
    {
        var samples = Samples();

        var outcome = AuditCli.Run(samples);

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith($"ml-prod/chat-playground  Blocked  score ", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("ml-prod/credit-scorer  Compliant  score 100  Enforce", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{samples}/modeldeployment-triton-allowlist.yaml:4", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 resources: 2 compliant, 1 non-compliant;", outcome.Stdout, StringComparison.Ordinal);
        Assert.All(outcome.Stdout.ReplaceLineEndings("\n").Split('\n'), l => Assert.True(l.Length <= 100, l));
    }
}
