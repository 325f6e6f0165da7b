using System.Diagnostics;
using System.Globalization;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// Leader failover under load: two leader-elected operators, specs churning; the leader is SIGKILLed and the time
/// until the standby leads and every change made around the kill reached status is compared with LeaseDuration + 10 s.
/// </summary>
internal static class FailoverScenario
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(10);

    public static async Task<ScenarioResult> RunAsync(SuiteOptions options)
    {
        var models = (int)(options.Size ?? options.Models ?? 1000);
        var rate = options.Rate ?? 20;
        var lease = options.Lease.LeaseDuration;
        var result = new ScenarioResult("failover", SuiteCommand.For(string.Create(CultureInfo.InvariantCulture,
            $"failover {models} --rate {rate:0.##} --lease-duration {lease.TotalSeconds:0.##}")));
        Console.WriteLine($"leader failover: two operators (Lease {lease.TotalSeconds:0.#} s), {models} models, {rate:0.##} changes/s; the leader is SIGKILLed");
        await using var stack = await BenchStack.StartAsync(options, operators: 2);
        if (await stack.ConvergeAsync(models) is null)
        {
            return result.Fail("did not converge");
        }

        var leader = await stack.LeaderAsync();
        if (leader is null)
        {
            return result.Fail("no operator leads after convergence");
        }

        var standby = stack.Operators.Single(o => o != leader);
        using var churn = new ChurnDriver(stack, models);
        // Changes before the kill, and on until half the Lease has passed without a leader.
        var churning = churn.RunAsync(rate, TimeSpan.FromSeconds(3) + (lease / 2));
        await Task.Delay(TimeSpan.FromSeconds(3)); // load before the kill: part of the scenario, not a wait for a condition
        var clock = Stopwatch.StartNew();
        await leader.KillAsync();
        TimeSpan? leads = null;
        while (leads is null && clock.Elapsed < lease + options.WaitLimit)
        {
            if (await standby.IsLeaderAsync())
            {
                leads = clock.Elapsed;
            }
            else
            {
                await Task.Delay(50);
            }
        }

        await churning;
        var drained = await churn.DrainAsync(options.WaitLimit);
        var converged = clock.Elapsed;
        if (leads is null || !drained)
        {
            return result.Fail(leads is null ? "the standby never took the Lease" : $"{churn.Pending} changes never reached status");
        }

        var target = lease + Slack;
        result.Add("LeaseDuration", lease.TotalSeconds, "s");
        result.Add("standby leads after kill", leads.Value.TotalSeconds, "s");
        result.Add("converged after kill", converged.TotalSeconds, "s", string.Create(CultureInfo.InvariantCulture, $"<= LeaseDuration + 10 s = {target.TotalSeconds:0.#} s"), converged <= target);
        ChurnScenario.Report(result, churn, 3 + (lease.TotalSeconds / 2));
        return result;
    }
}
