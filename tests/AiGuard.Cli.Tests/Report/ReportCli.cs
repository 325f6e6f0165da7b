using System.CommandLine;
using AiGuard.Cli.Commands;
using AiGuard.Cli.Tests.Audit;
using Microsoft.Extensions.Time.Testing;

namespace AiGuard.Cli.Tests.Report;

/// <summary>ReportCli runs <c>aiguard report</c> in-process through System.CommandLine with captured output.</summary>
internal static class ReportCli
{
    /// <summary>The instant the report tests run at, so expiry windows and days left are exact.</summary>
    // The real date (truncated), because the API server checks expiresAt against its own clock at creation.
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public static async Task<CliOutcome> RunAsync(params string[] args)
    {
        var root = new RootCommand("aiguard") { ReportCommand.Create(new FakeTimeProvider(Now)) };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(["report", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliOutcome(exitCode, output.ToString(), error.ToString());
    }
}
