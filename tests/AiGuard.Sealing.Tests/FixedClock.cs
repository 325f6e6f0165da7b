namespace AiGuard.Sealing.Tests;

/// <summary>A clock that says whatever the test sets.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
