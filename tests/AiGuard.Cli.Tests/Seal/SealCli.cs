using System.CommandLine;
using AiGuard.Cli.Commands;

namespace AiGuard.Cli.Tests.Seal;

/// <summary>SealCli runs <c>aiguard seal</c> in-process through System.CommandLine with captured output.</summary>
internal static class SealCli
{
    public static async Task<SealOutcome> RunAsync(TimeProvider clock, params string[] args)
    {
        var root = new RootCommand("aiguard") { SealCommand.Create(clock) };
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(["seal", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new SealOutcome(exitCode, output.ToString(), error.ToString());
    }

    public static Task<SealOutcome> RunAsync(params string[] args) => RunAsync(TimeProvider.System, args);
}

/// <summary>SealOutcome is what one run printed and returned.</summary>
internal sealed record SealOutcome(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
