namespace AiGuard.Cli.Tests.Audit;

public sealed class AuditExitCodeTests
{
    [Theory]
    [InlineData("critical", 0)]
    [InlineData("high", 1)]
    [InlineData("medium", 1)]
    [InlineData("low", 1)]
    [InlineData("none", 0)]
    public void High_finding_fails_at_or_below_high(string failOn, int expected)
    {
        var outcome = AuditCli.Pipe(Manifests.OpenIngress(), "-", "--fail-on", failOn);

        Assert.True(expected == outcome.ExitCode, outcome.ToString());
    }

    [Theory]
    [InlineData("critical", 0)]
    [InlineData("high", 0)]
    [InlineData("medium", 1)]
    [InlineData("low", 1)]
    [InlineData("none", 0)]
    public void Medium_finding_fails_only_at_medium_or_low(string failOn, int expected)
    {
        var outcome = AuditCli.Pipe(Manifests.UnneededToken(), "-", "--fail-on", failOn);

        Assert.True(expected == outcome.ExitCode, outcome.ToString());
    }

    [Theory]
    [InlineData("medium", 0)]
    [InlineData("low", 1)]
    public void Low_finding_fails_only_at_low(string failOn, int expected)
    {
        var outcome = AuditCli.Pipe(Manifests.Documents(Manifests.LowTokenPolicy, Manifests.UnneededToken()), "-", "--fail-on", failOn);

        Assert.True(expected == outcome.ExitCode, outcome.ToString());
    }

    [Theory]
    [InlineData("critical", 1)]
    [InlineData("none", 0)]
    public void Critical_finding_fails_at_every_threshold_but_none(string failOn, int expected)
    {
        var yaml = Manifests.Documents(Manifests.Namespace("ml-prod", "{tier: prod}"), Manifests.ProdPolicy, Manifests.Compliant());

        var outcome = AuditCli.Pipe(yaml, "-", "--fail-on", failOn);

        Assert.True(expected == outcome.ExitCode, outcome.ToString());
        Assert.Contains("AIG-IMG-03", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Compliant_model_passes_even_at_low()
    {
        var outcome = AuditCli.Pipe(Manifests.Compliant(), "-", "--fail-on", "low");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("no findings", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_threshold_is_high()
    {
        Assert.Equal(0, AuditCli.Pipe(Manifests.UnneededToken(), "-").ExitCode);
        Assert.Equal(1, AuditCli.Pipe(Manifests.OpenIngress(), "-").ExitCode);
    }

    [Theory]
    [InlineData("--fail-on", "severe")]
    [InlineData("--format", "yaml")]
    [InlineData("--now", "tomorrow")]
    [InlineData("--bogus")]
    [InlineData("--now")]
    public void Usage_errors_exit_2_with_one_clear_message(params string[] extra)
    {
        var outcome = AuditCli.Pipe(Manifests.Compliant(), ["-", .. extra]);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.StartsWith("aiguard audit: ", outcome.Stderr, StringComparison.Ordinal);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void No_path_is_a_usage_error()
    {
        var outcome = AuditCli.Run();

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("name at least one file or directory", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_an_input_error_naming_it()
    {
        var outcome = AuditCli.Run("does/not/exist.yaml");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("does/not/exist.yaml: no such file or directory", outcome.Stderr, StringComparison.Ordinal);
    }
}
