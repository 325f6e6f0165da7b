namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>What a kstatus reader (Flux, kpt, cli-utils) makes of an object: its status and why.</summary>
/// <param name="Status">Current, InProgress, Failed or Terminating, as kstatus names them.</param>
/// <param name="Reason">The condition reason (or rule) that decided it.</param>
/// <param name="Message">The condition message that decided it, for a failing assertion.</param>
public sealed record KstatusResult(string Status, string Reason, string Message)
{
    public const string Current = "Current";
    public const string InProgress = "InProgress";
    public const string Failed = "Failed";
    public const string Terminating = "Terminating";

    public override string ToString() => $"{Status} ({Reason}: {Message})";
}
