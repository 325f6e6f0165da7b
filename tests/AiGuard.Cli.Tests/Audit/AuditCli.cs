using System.CommandLine;
using AiGuard.Cli.Commands;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>AuditCli runs <c>aiguard audit</c> in-process through System.CommandLine with captured output.</summary>
internal static class AuditCli
{
    /// <summary>Runs with <paramref name="stdin"/> as standard input (read by the path <c>-</c>).</summary>
    public static CliOutcome Pipe(string stdin, params string[] args)
    {
        var root = new RootCommand("aiguard") { AuditCommand.Create(new StringReader(stdin)) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = root.Parse(["audit", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliOutcome(exitCode, output.ToString(), error.ToString());
    }

    public static CliOutcome Run(params string[] args) => Pipe("", args);
}
