using System.Diagnostics;
using Xunit;

namespace AiGuard.Testing;

/// <summary>
/// Eventually is the tests' one way to wait: it polls a condition until it holds or a generous deadline passes, instead
/// of sleeping for a fixed time, and fails with what it waited for and the last value it saw, so a timeout explains
/// itself. Polling starts at 1 ms and backs off to 50 ms, so a cheap condition is seen promptly and an expensive probe
/// (a kubectl run, an HTTP scrape) is not hammered.
/// </summary>
public static class Eventually
{
    /// <summary>The deadline when a test gives none: long enough for a loaded CI machine, short enough to fail a hang.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Polls <paramref name="probe"/> until <paramref name="done"/> accepts its value and returns that value; at the
    /// deadline fails the test with <paramref name="describe"/> of the last value.
    /// </summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, Func<T, string> describe, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(describe);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var interval = FirstInterval;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds:0.#} s waiting for: {describe(value)}");
            }

            await Task.Delay(interval);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, MaxInterval.Ticks));
        }
    }

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> accepts its value; the failure names <paramref name="what"/> and the last value.</summary>
    public static Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null) =>
        ReturnsAsync(probe, done, value => $"{what}; last value: {value}", timeout);

    /// <summary>Polls <paramref name="condition"/> until it holds; the failure names <paramref name="what"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return ReturnsAsync(() => Task.FromResult(condition()), held => held, _ => what, timeout);
    }

    /// <summary>Polls the asynchronous <paramref name="condition"/> until it holds; the failure names <paramref name="what"/>.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        ReturnsAsync(condition, held => held, _ => what, timeout);

    /// <summary>Awaits <paramref name="task"/>, failing the test if it has not completed by the deadline.</summary>
    public static async Task<T> CompletesAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        await CompletesAsync((Task)task, what, timeout);
        return await task;
    }

    /// <summary>Awaits <paramref name="task"/>, failing the test if it has not completed by the deadline.</summary>
    public static async Task CompletesAsync(Task task, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var limit = timeout ?? DefaultTimeout;
        if (await Task.WhenAny(task, Task.Delay(limit)) != task)
        {
            Assert.Fail($"timed out after {limit.TotalSeconds:0.#} s waiting for: {what}");
        }

        await task;
    }
}
