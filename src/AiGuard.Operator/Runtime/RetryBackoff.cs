namespace AiGuard.Operator.Runtime;

/// <summary>
/// RetryBackoff yields growing delays for consecutive failures: <c>initial * 2^n</c> plus up to
/// <c>jitter</c> of itself at random, never more than <c>max</c>. <see cref="Reset"/> after a success.
/// Not thread-safe: one owner (an informer loop, a leader elector) uses it.
/// </summary>
internal sealed class RetryBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _jitter;
    private readonly Random _random;
    private int _failures;

    /// <summary>Creates a backoff starting at <paramref name="initial"/> and capped at <paramref name="max"/>.</summary>
    public RetryBackoff(TimeSpan initial, TimeSpan max, double jitter = 0.2, Random? random = null)
    {
        if (initial <= TimeSpan.Zero || max < initial || jitter < 0)
        {
            throw new ArgumentException($"backoff needs 0 < initial <= max and jitter >= 0 (got {initial}, {max}, {jitter})");
        }

        _initial = initial;
        _max = max;
        _jitter = jitter;
        _random = random ?? Random.Shared;
    }

    /// <summary>Consecutive failures since the last reset.</summary>
    public int Failures => _failures;

    /// <summary>Counts one more failure and returns how long to wait before the next attempt.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 40);
        _failures++;
        var ticks = _initial.Ticks * Math.Pow(2, exponent) * (1 + (_jitter * _random.NextDouble()));
        return ticks >= _max.Ticks ? _max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Forgets the failures: the next delay is the initial one again.</summary>
    public void Reset() => _failures = 0;
}
