using System.Diagnostics;

namespace AiGuard.Cli.Tests;

/// <summary>`aiguard sandbox` as a real process: it stops cleanly on SIGINT (Ctrl-C), as docs/sandbox.md says.</summary>
public sealed class SandboxSignalTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Sigint_stops_the_sandbox_with_exit_code_0()
    {
        // Through env --default-signal: a process whose parent ignores SIGINT (a test host, a background job of a
        // non-interactive shell) inherits the ignore, and .NET then never sees SIGINT; a terminal never ignores it.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "aiguard.dll"), "sandbox", "--port", "0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start aiguard sandbox");
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Deadline);
            var seen = new List<string>();
            // WaitAsync: reads of a process pipe do not observe a cancellation token themselves.
            while (await process.StandardOutput.ReadLineAsync().WaitAsync(deadline.Token) is { } line)
            {
                seen.Add(line);
                if (line.StartsWith("Press Ctrl-C", StringComparison.Ordinal))
                {
                    break;
                }
            }

            // stderr is only complete once the process exits, so it is awaited only when reporting a failure.
            if (!seen.Any(l => l.StartsWith("Press Ctrl-C", StringComparison.Ordinal)))
            {
                Assert.Fail($"the sandbox never became ready:\n{string.Join('\n', seen)}\n{await stderr}");
            }

            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(deadline.Token);
            }

            var rest = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            await process.WaitForExitAsync(deadline.Token);

            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{await rest}\n{await stderr}");
            Assert.Contains("Stopping sandbox.", await rest, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
