using System.Diagnostics;

namespace AiGuard.EndToEnd.Tests;

/// <summary>Polls a condition with a deadline instead of sleeping for a fixed time.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string> describe)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0.#} s: {describe(value)}");
            }

            await Task.Delay(100);
        }
    }
}
