using System.Globalization;

namespace AiGuard.Benchmarks.Suite;

/// <summary>Churn: spec changes at a steady rate over a converged fleet; p99 time from change to status.</summary>
internal static class ChurnScenario
{
    public static async Task<ScenarioResult> RunAsync(SuiteOptions options)
    {
        var seconds = options.Size ?? options.Seconds ?? 60;
        var rate = options.Rate ?? 100;
        var models = options.Models ?? 1000;
        var result = new ScenarioResult($"churn {rate:0}/s", SuiteCommand.For(string.Create(CultureInfo.InvariantCulture, $"churn {seconds:0} --rate {rate:0.##} --models {models}")));
        Console.WriteLine($"churn: {rate:0.##} spec changes/s for {seconds:0} s over {models} converged models");
        await using var stack = await BenchStack.StartAsync(options);
        if (await stack.ConvergeAsync(models) is null)
        {
            return result.Fail("did not converge");
        }

        var before = await RequestSnapshot.TakeAsync(stack.Sandbox);
        using var churn = new ChurnDriver(stack, models);
        await churn.RunAsync(rate, TimeSpan.FromSeconds(seconds));
        var drained = await churn.DrainAsync(options.WaitLimit);
        var requests = (await RequestSnapshot.TakeAsync(stack.Sandbox)).Since(before);
        Report(result, churn, seconds);
        result.Add("operator writes/change", requests.Writes / (double)Math.Max(1, churn.Sent), "");
        result.AddGets(requests);
        return drained ? result : result.Fail($"{churn.Pending} changes never reached status");
    }

    /// <summary>Sent, achieved rate, failures and latency percentiles of a churn run.</summary>
    public static void Report(ScenarioResult result, ChurnDriver churn, double seconds)
    {
        var latencies = churn.Latencies;
        result.Add("changes sent", churn.Sent, "");
        result.Add("achieved rate", churn.Sent / seconds, "1/s");
        if (churn.Failed > 0)
        {
            result.Add("changes refused", churn.Failed, "");
        }

        result.Add("change-to-status p50", ChurnDriver.Percentile(latencies, 0.50) * 1000, "ms");
        result.Add("change-to-status p99", ChurnDriver.Percentile(latencies, 0.99) * 1000, "ms");
        result.Add("change-to-status max", ChurnDriver.Percentile(latencies, 1.0) * 1000, "ms");
    }
}
