using System.Text.Json;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// With <c>--policy</c>, GuardPolicies and GuardExceptions come only from the policy paths: a change under review
/// cannot waive or relax its own checks, and every format says what it ignored. Without it nothing changes.
/// </summary>
public sealed class AuditPolicyTrustTests : IDisposable
{
    private const string Now = "2026-06-01T00:00:00Z";
    private readonly ManifestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A change that adds a failing model and a GuardException waiving its own finding.</summary>
    private string SelfWaivingChange() => _dir.Write("change/app.yaml", Manifests.Documents(
        Manifests.OpenIngress("open"),
        Manifests.Exception("let-me-in", "ml-prod", "open", "AIG-NET-01", "2026-07-01T00:00:00Z")));

    /// <summary>The line where the GuardException of <see cref="SelfWaivingChange"/> starts.</summary>
    private static int ExceptionLine => (Manifests.OpenIngress() + "\n---\n").Count(c => c == '\n') + 1;

    private string TrustedPolicies() => _dir.Write("trusted/policies.yaml", Manifests.LowTokenPolicy);

    [Fact]
    public void Without_policy_an_exception_in_the_inputs_still_waives()
    {
        var outcome = AuditCli.Run(SelfWaivingChange(), "--now", Now, "--format", "json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Empty(JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("ignored").EnumerateArray());
    }

    [Fact]
    public void With_policy_an_exception_the_change_adds_for_itself_does_not_pass_the_gate()
    {
        var change = SelfWaivingChange();

        var outcome = AuditCli.Run(change, "--policy", TrustedPolicies(), "--now", Now, "--format", "json");

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        var report = JsonDocument.Parse(outcome.Stdout).RootElement;
        var finding = Assert.Single(report.GetProperty("results")[0].GetProperty("findings").EnumerateArray());
        Assert.False(finding.GetProperty("waived").GetBoolean());
        var ignored = Assert.Single(report.GetProperty("ignored").EnumerateArray());
        Assert.Equal("GuardException", ignored.GetProperty("kind").GetString());
        Assert.Equal("ml-prod/let-me-in", ignored.GetProperty("id").GetString());
        Assert.Equal($"{change.Replace('\\', '/')}:{ExceptionLine}", ignored.GetProperty("source").GetString());
    }

    [Fact]
    public void With_policy_a_policy_the_change_adds_to_lower_its_own_severity_is_ignored()
    {
        var relax = """
            apiVersion: aiguard.io/v1alpha1
            kind: GuardPolicy
            metadata:
              name: relax-network
            spec:
              controls:
                AIG-NET-01:
                  severity: low
            """;
        var change = _dir.Write("change/app.yaml", Manifests.Documents(Manifests.OpenIngress("open"), relax));

        var without = AuditCli.Run(change, "--now", Now);
        var with = AuditCli.Run(change, "--policy", TrustedPolicies(), "--now", Now);

        Assert.True(without.ExitCode == 0, without.ToString());
        Assert.True(with.ExitCode == 1, with.ToString());
        Assert.Contains("Ignored 1 document of the audited inputs (--policy was given", with.Stdout, StringComparison.Ordinal);
        Assert.Contains("relax-network", with.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_from_the_policy_paths_still_waives()
    {
        var model = _dir.Write("change/app.yaml", Manifests.OpenIngress("open"));
        var trusted = _dir.Write("trusted/exceptions.yaml",
            Manifests.Exception("approved", "ml-prod", "open", "AIG-NET-01", "2026-07-01T00:00:00Z"));

        var outcome = AuditCli.Run(model, "--policy", trusted, "--now", Now, "--format", "json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Empty(JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("ignored").EnumerateArray());
    }

    [Fact]
    public void A_file_that_is_both_audited_and_a_policy_path_is_trusted()
    {
        var both = SelfWaivingChange();

        var outcome = AuditCli.Run(both, "--policy", both, "--now", Now, "--format", "json");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Empty(JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("ignored").EnumerateArray());
    }

    [Theory]
    [InlineData("table", "Ignored 1 document of the audited inputs (--policy was given,")]
    [InlineData("markdown", "> **Note:** not applied, because --policy was given")]
    [InlineData("sarif", "\"toolExecutionNotifications\"")]
    [InlineData("junit", "<testsuite name=\"ignored inputs\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\"")]
    public void Every_format_lists_what_it_ignored(string format, string note)
    {
        var outcome = AuditCli.Run(SelfWaivingChange(), "--policy", TrustedPolicies(), "--now", Now, "--format", format);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains(note, outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("ml-prod/let-me-in", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_notification_points_at_the_ignored_document()
    {
        var outcome = AuditCli.Run(SelfWaivingChange(), "--policy", TrustedPolicies(), "--now", Now, "--format", "sarif");

        var run = JsonDocument.Parse(outcome.Stdout).RootElement.GetProperty("runs")[0];
        var notification = Assert.Single(run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("warning", notification.GetProperty("level").GetString());
        var location = notification.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.EndsWith("change/app.yaml", location.GetProperty("artifactLocation").GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(ExceptionLine, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }
}
