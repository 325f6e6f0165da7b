using AiGuard.Api.ModelDeployments;
using AiGuard.Cli.Commands;
using AiGuard.Cli.Demo;

namespace AiGuard.EndToEnd.Tests;

public sealed class DemoTests
{
    [Fact]
    public async Task Demo_converges_every_sample_to_its_expected_phase_within_30_seconds()
    {
        using var output = new StringWriter();
        using var work = new TempDirectory();
        var runner = new DemoRunner(new DemoOptions { WorkDirectory = work.Path }, DemoCommand.PlainConsole(output));

        var result = await runner.RunAsync(CancellationToken.None);

        Assert.True(result.ExitCode == 0, output.ToString());
        Assert.Equal(DemoExpectations.Expected.Keys.Order(), result.Models.Select(m => m.Name).Order());
        foreach (var model in result.Models)
        {
            Assert.Equal(DemoExpectations.Expected[model.Name].Phase, model.Phase);
        }

        Assert.Contains(result.Models, m => m is { Name: "chat-playground" } && m.Findings.Any(f => f.Severity == "critical"));
        Assert.All(result.Models.Where(m => m.Phase == Phases.Compliant), m => Assert.True(m.Ready && m.Score == 100));
        var text = output.ToString();
        Assert.Contains("ml-prod/chat-playground", text, StringComparison.Ordinal);
        Assert.Contains("total elapsed", text, StringComparison.Ordinal);

        // The demo's operator exports the same series as a deployed one, scraped from its /metrics.
        Assert.True(result.Reconciles >= result.Models.Count, $"{result.Reconciles} reconciles for {result.Models.Count} models");
        Assert.True(result.ApiRequests > 0, "no API request counted");
        Assert.Contains("rest_client_requests_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_demos_run_side_by_side_each_with_its_own_ports_and_log()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();

        var results = await Task.WhenAll(
            new DemoRunner(new DemoOptions(), DemoCommand.PlainConsole(first)).RunAsync(CancellationToken.None),
            new DemoRunner(new DemoOptions(), DemoCommand.PlainConsole(second)).RunAsync(CancellationToken.None));

        var logs = new[] { first, second }.Select(o => System.Text.RegularExpressions.Regex.Match(o.ToString(), @"log in (\S+operator\.log)").Groups[1].Value).ToList();
        try
        {
            Assert.True(results[0].ExitCode == 0, first.ToString());
            Assert.True(results[1].ExitCode == 0, second.ToString());
            Assert.All(logs, log => Assert.True(File.Exists(log), $"no log at '{log}'"));
            Assert.NotEqual(logs[0], logs[1]);
        }
        finally
        {
            foreach (var log in logs.Where(File.Exists))
            {
                Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
            }
        }
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("aiguard-demo-test-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
