namespace AiGuard.Sandbox.Tests.Clients;

/// <summary>The outcome of running a client process: exit code and both outputs.</summary>
public sealed record ClientRun(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Both outputs, for assertion messages.</summary>
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}
