namespace AiGuard.Cli.Tests.Report;

/// <summary>Bad command lines and kubeconfigs exit 2 with one message naming the option, before any request.</summary>
public sealed class ReportUsageTests
{
    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["-n", "ml-prod", "-A"], "-n and -A exclude each other" },
        { ["--format", "pdf"], "--format must be one of table, markdown, json, html; got 'pdf'" },
        { ["--expiring-within", "two-weeks"], "--expiring-within must be a whole number of days from 0 to 365; got 'two-weeks'" },
        { ["--expiring-within", "-3"], "--expiring-within" },
        { ["--top", "100000"], "--top must be a whole number from 0 to 1000" },
        { ["-n", "ML_Prod"], "-n 'ML_Prod' is not a namespace name" },
        { ["--namespace"], "--namespace needs a value" },
        { ["--frmat", "json"], "unknown option or argument --frmat" },
        { ["extra"], "unknown option or argument extra" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task A_bad_command_line_exits_2_naming_the_option(string[] args, string message)
    {
        var result = await ReportCli.RunAsync(["--kubeconfig", "/does/not/matter", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("usage: aiguard report", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_missing_kubeconfig_exits_2_naming_the_file()
    {
        var result = await ReportCli.RunAsync("--kubeconfig", "/does/not/exist/kubeconfig", "-A");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot load --kubeconfig /does/not/exist/kubeconfig", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Days_may_carry_a_d_suffix()
    {
        var result = await ReportCli.RunAsync("--kubeconfig", "/does/not/exist/kubeconfig", "--expiring-within", "7d");

        // Accepted as usage; fails only at loading the kubeconfig.
        Assert.Contains("cannot load --kubeconfig", result.Stderr, StringComparison.Ordinal);
    }
}
