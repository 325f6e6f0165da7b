namespace AiGuard.Operator.Runtime;

/// <summary>
/// PerKeyBackoff is client-go's per-item exponential failure rate limiter: the n-th consecutive failure of a key
/// waits <c>BaseDelay * 2^(n-1)</c>, capped at <c>MaxDelay</c>; <see cref="Forget"/> resets the key after a success.
/// Keys are independent, so one broken object never slows the others down.
/// </summary>
public sealed class PerKeyBackoff<TKey>
    where TKey : notnull
{
    /// <summary>First retry delay (client-go's default controller limiter uses 5 ms).</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(5);

    /// <summary>Longest retry delay (client-go uses 1000 s; we cap at 5 min so a fixed cluster recovers quickly).</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromMinutes(5);

    private readonly Dictionary<TKey, int> _failures = [];
    private readonly Lock _gate = new();

    /// <summary>Creates a limiter with the given delays (defaults: 5 ms doubling to 5 min).</summary>
    public PerKeyBackoff(TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        BaseDelay = baseDelay ?? DefaultBaseDelay;
        MaxDelay = maxDelay ?? DefaultMaxDelay;
        if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay)
        {
            throw new ArgumentException($"backoff needs 0 < baseDelay <= maxDelay (got {BaseDelay} and {MaxDelay})");
        }
    }

    /// <summary>Delay of the first retry.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>Upper bound of any retry delay.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Records one more failure of <paramref name="key"/> and returns how long to wait before retrying it.</summary>
    public TimeSpan When(TKey key)
    {
        int failures;
        lock (_gate)
        {
            _failures.TryGetValue(key, out failures);
            _failures[key] = failures + 1;
        }

        // 2^failures overflows long before the cap matters; past 2^40 the cap always wins.
        if (failures >= 40)
        {
            return MaxDelay;
        }

        var ticks = BaseDelay.Ticks * Math.Pow(2, failures);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Consecutive failures recorded for <paramref name="key"/> since the last <see cref="Forget"/>.</summary>
    public int Failures(TKey key)
    {
        lock (_gate)
        {
            return _failures.TryGetValue(key, out var n) ? n : 0;
        }
    }

    /// <summary>Clears the failure history of <paramref name="key"/> (call after it was processed successfully).</summary>
    public void Forget(TKey key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }
}
