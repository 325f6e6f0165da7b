namespace AiGuard.Benchmarks.Suite;

/// <summary>The leader-election timings the failover scenario gives both operators (defaults: the operator's own).</summary>
internal sealed record LeaseTimings(TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod)
{
    public static LeaseTimings Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
}
