using System.Diagnostics;
using AiGuard.Operator.Controllers;

namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>Waits until the operator has caught up: idle without interruption for a short stretch.</summary>
public static class Quiescence
{
    public static async Task WaitAsync(OperatorCore core, TimeSpan? timeout = null)
    {
        var stable = TimeSpan.FromMilliseconds(500);
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        var idleSince = Stopwatch.StartNew();
        while (idleSince.Elapsed < stable)
        {
            if (!core.IsIdle)
            {
                idleSince.Restart();
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"the operator did not become idle within {limit.TotalSeconds:0} s");
            }

            await Task.Delay(10);
        }
    }
}
