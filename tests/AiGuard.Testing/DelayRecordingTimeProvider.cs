using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace AiGuard.Testing;

/// <summary>A fake clock that also records the due time of every timer created (Task.Delay creates one), so a test
/// can read the exact backoff a component chose and then advance past it.</summary>
public sealed class DelayRecordingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    /// <summary>The due time of every timer created so far, in creation order.</summary>
    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Recorded only once the timer is registered: a test that sees the delay and advances the clock at once must
        // find the timer there, or the timer would be due after the advance and never fire (seen on CI).
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
        }

        return timer;
    }
}
