namespace AiGuard.Cli.Tests.Seal;

/// <summary>A clock stopped at one instant.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
