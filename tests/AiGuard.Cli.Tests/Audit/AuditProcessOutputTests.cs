using System.Diagnostics;
using System.Text;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// <c>aiguard audit</c> as a real process: its report reaches standard output through a buffered writer of its own
/// (<c>ReportOutput</c>), which must give the bytes the console's writer gives, however many buffers it fills.
/// </summary>
public sealed class AuditProcessOutputTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    [InlineData("markdown")]
    public async Task Standard_output_holds_exactly_the_report_written_in_process(string format)
    {
        using var dir = new ManifestDirectory();
        // Many results, so the report is several times the 64 KiB buffer; the path, printed with every result, has
        // characters of two to four bytes in UTF-8, so some straddle a buffer's end.
        var models = Enumerable.Range(0, 1200).Select(i => i % 3 == 0 ? Manifests.OpenIngress($"open-{i}") : Manifests.Compliant($"model-{i}"));
        var file = dir.Write(Path.Combine("flotte-é€😀", "fleet.yaml"), Manifests.Documents([.. models]));
        string[] args = [file, "--format", format, "--now", "2026-11-25T10:00:00Z"];
        var expected = AuditCli.Run(args);
        Assert.True(expected.Stdout.Length > 4 * 64 * 1024, $"the report is only {expected.Stdout.Length} characters");

        var (exitCode, stdout, stderr) = await RunProcess(args);

        Assert.Equal(expected.Stderr, stderr);
        Assert.Equal(expected.ExitCode, exitCode);
        Assert.Equal(Encoding.UTF8.GetBytes(expected.Stdout), stdout);
    }

    [Fact]
    public async Task A_reader_that_stops_early_ends_neither_in_a_crash_nor_a_hang()
    {
        using var dir = new ManifestDirectory();
        var file = dir.Write("fleet.yaml", Manifests.Documents([.. Enumerable.Range(0, 1200).Select(i => Manifests.OpenIngress($"open-{i}"))]));
        string[] args = [file, "--now", "2026-11-25T10:00:00Z"];
        var expected = AuditCli.Run(args);

        // As `aiguard audit fleet.yaml | head -1`: the pipe closes after the first bytes; the rest of the report is
        // dropped as the console's own writer drops it, and the exit code still says what the audit found.
        using var process = Start(args);
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            var first = new char[100];
            await process.StandardOutput.ReadBlockAsync(first, deadline.Token);
            process.StandardOutput.Close();
            await process.WaitForExitAsync(deadline.Token);

            Assert.StartsWith(new string(first), expected.Stdout, StringComparison.Ordinal);
            Assert.Equal("", await stderr);
            Assert.Equal(expected.ExitCode, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process Start(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "aiguard.dll"), "audit", .. args])
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException("could not start aiguard audit");
    }

    private static async Task<(int ExitCode, byte[] Stdout, string Stderr)> RunProcess(string[] args)
    {
        using var process = Start(args);
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            using var stdout = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout, deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            await copy;
            return (process.ExitCode, stdout.ToArray(), await stderr);
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
