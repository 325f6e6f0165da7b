namespace AiGuard.Cli.Tests.Audit;

/// <summary>CliOutcome is what one run printed and returned.</summary>
internal sealed record CliOutcome(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
