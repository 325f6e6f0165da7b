using System.CommandLine;
using System.Text;
using AiGuard.Cli.Commands;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>
/// A report that cannot be written (standard output on a full disk, or closed) ends the audit with a one-line error
/// and a failing exit code, never with a stack trace, and never as a pass.
/// </summary>
public sealed class AuditReportWriteErrorTests
{
    [Theory]
    [InlineData("table", 0)]
    [InlineData("json", 0)]
    [InlineData("table", 300)]
    [InlineData("sarif", 300)]
    public void A_report_that_cannot_be_written_is_a_clear_error_and_a_failing_exit_code(string format, int fitsChars)
    {
        using var dir = new ManifestDirectory();
        // Compliant models: the audit itself passes, so only the failed write can make the exit code fail.
        var file = dir.Write("fleet.yaml", Manifests.Documents([.. Enumerable.Range(0, 20).Select(i => Manifests.Compliant($"model-{i}"))]));
        var root = new RootCommand("aiguard") { AuditCommand.Create(new StringReader("")) };
        var output = new FullDisk(fitsChars);
        var error = new StringWriter();

        var exitCode = root.Parse(["audit", file, "--format", format, "--now", "2026-11-25T10:00:00Z"])
            .Invoke(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(1, exitCode);
        Assert.Equal($"aiguard audit: cannot write the report: No space left on device{Environment.NewLine}", error.ToString());
        Assert.Equal(0, AuditCli.Run(file, "--format", format, "--now", "2026-11-25T10:00:00Z").ExitCode);
    }

    // Takes the first fitsChars characters, then fails every write as a full disk does.
    private sealed class FullDisk(int fitsChars) : TextWriter
    {
        private int _written;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (_written >= fitsChars)
            {
                throw new IOException("No space left on device");
            }
            _written++;
        }
    }
}
