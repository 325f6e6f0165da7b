using System.Diagnostics;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>Waits on conditions with a deadline instead of sleeping for a fixed time.</summary>
internal static class Until
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test with <paramref name="what"/> at the deadline.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        while (!condition())
        {
            if (deadline.Elapsed > limit)
            {
                Assert.Fail($"timed out after {limit.TotalSeconds:0.#} s waiting for: {what}");
            }

            await Task.Delay(2);
        }
    }

    /// <summary>Awaits <paramref name="task"/> or fails the test at the deadline.</summary>
    public static async Task<T> CompletedAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        await CompletedAsync((Task)task, what, timeout);
        return await task;
    }

    /// <summary>Awaits <paramref name="task"/> or fails the test at the deadline.</summary>
    public static async Task CompletedAsync(Task task, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        if (await Task.WhenAny(task, Task.Delay(limit)) != task)
        {
            Assert.Fail($"timed out after {limit.TotalSeconds:0.#} s waiting for: {what}");
        }

        await task;
    }
}
