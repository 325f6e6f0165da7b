namespace AiGuard.Operator.Sealing;

/// <summary>A clock stopped at one instant, so a generated key's validity starts at the caller's "now".</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
