using System.Diagnostics;
using System.Globalization;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// Soak: a converged fleet for a long window with every watch closed every 10 s (forced reconnects) and light churn;
/// the operator's RSS sampled every 5 s must stay flat: the median of the last tenth within 10 % of the first tenth.
/// </summary>
internal static class SoakScenario
{
    private const double FlatWithin = 0.10;
    private static readonly TimeSpan CloseEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);

    public static async Task<ScenarioResult> RunAsync(SuiteOptions options)
    {
        var seconds = options.Size ?? options.Seconds ?? 1800;
        var models = options.Models ?? 1000;
        var rate = options.Rate ?? 2;
        var result = new ScenarioResult($"soak {seconds:0}", SuiteCommand.For(string.Create(CultureInfo.InvariantCulture, $"soak {seconds:0} --models {models} --rate {rate:0.##}")));
        Console.WriteLine($"soak: {models} models for {seconds:0} s, every watch closed every {CloseEvery.TotalSeconds:0} s, {rate:0.##} changes/s, RSS every {SampleEvery.TotalSeconds:0} s");
        await using var stack = await BenchStack.StartAsync(options);
        if (await stack.ConvergeAsync(models) is null)
        {
            return result.Fail("did not converge");
        }

        var op = stack.Operators[0];
        var before = await RequestSnapshot.TakeAsync(stack.Sandbox);
        using var churn = new ChurnDriver(stack, models);
        var churning = churn.RunAsync(rate, TimeSpan.FromSeconds(seconds));
        var samples = new List<long>();
        var clock = Stopwatch.StartNew();
        var nextClose = CloseEvery;
        var closes = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            samples.Add(op.ResidentBytes());
            await Task.Delay(SampleEvery); // the sampling period of the measurement
            if (clock.Elapsed >= nextClose)
            {
                await stack.Sandbox.CloseWatchesAsync();
                closes++;
                nextClose += CloseEvery;
            }
        }

        await churning;
        var drained = await churn.DrainAsync(options.WaitLimit);
        samples.Add(op.ResidentBytes());
        var requests = (await RequestSnapshot.TakeAsync(stack.Sandbox)).Since(before);
        var tenth = Math.Max(1, samples.Count / 10);
        var first = Median(samples.Take(tenth));
        var last = Median(samples.TakeLast(tenth));
        var growth = (last - first) / first;
        result.Add("RSS samples", samples.Count, "");
        result.Add("RSS first tenth (median)", ColdScenario.Mib((long)first), "MiB");
        result.Add("RSS last tenth (median)", ColdScenario.Mib((long)last), "MiB");
        result.Add("RSS max", ColdScenario.Mib(samples.Max()), "MiB");
        result.Add("RSS growth", growth * 100, "%", string.Create(CultureInfo.InvariantCulture, $"<= {FlatWithin * 100:0} %"), growth <= FlatWithin);
        result.Add("forced reconnect rounds", closes, "");
        result.Add("operator re-watches", requests.Watches, "");
        result.Add("operator LIST requests", requests.Lists, "");
        ChurnScenario.Report(result, churn, seconds);
        result.AddGets(requests);
        result.Note("RSS samples (MiB): " + string.Join(' ', samples.Select(s => ColdScenario.Mib(s).ToString("0", CultureInfo.InvariantCulture))));
        return drained ? result : result.Fail($"{churn.Pending} changes never reached status");
    }

    private static double Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
    }
}
