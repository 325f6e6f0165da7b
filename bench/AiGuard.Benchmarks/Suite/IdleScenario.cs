using System.Diagnostics;
using System.Globalization;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// Idle: a converged fleet and nothing changing for a window; the operator must write nothing, and its RSS must
/// stay steady after convergence although the leader's shadow-AI scan LISTs every workload every 5 minutes. RSS is
/// sampled every 5 s; the figure is the growth from the first minute's median to the last minute's.
/// </summary>
internal static class IdleScenario
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static async Task<ScenarioResult> RunAsync(SuiteOptions options)
    {
        var seconds = options.Size ?? options.Seconds ?? 600;
        var models = options.Models ?? 1000;
        var result = new ScenarioResult($"idle {seconds:0}", SuiteCommand.For(string.Create(CultureInfo.InvariantCulture, $"idle {seconds:0} --models {models}")));
        Console.WriteLine($"idle: {models} models converged, then {seconds:0} s with nothing changing, RSS every {SampleEvery.TotalSeconds:0} s");
        await using var stack = await BenchStack.StartAsync(options);
        if (await stack.ConvergeAsync(models) is null)
        {
            return result.Fail("did not converge");
        }

        var op = stack.Operators[0];
        var reconcilesBefore = (await op.ScrapeAsync()).Sum("controller_runtime_reconcile_total");
        var before = await RequestSnapshot.TakeAsync(stack.Sandbox);
        var samples = new List<(TimeSpan At, long Rss)>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            samples.Add((clock.Elapsed, op.ResidentBytes()));
            await Task.Delay(SampleEvery); // the sampling period of the measurement window, not a wait for a condition
        }

        samples.Add((clock.Elapsed, op.ResidentBytes()));
        var requests = (await RequestSnapshot.TakeAsync(stack.Sandbox)).Since(before);
        var reconciles = (await op.ScrapeAsync()).Sum("controller_runtime_reconcile_total") - reconcilesBefore;
        var end = samples[^1].At;
        var firstMinute = Median(samples.Where(s => s.At <= Minute).Select(s => s.Rss));
        var lastMinute = Median(samples.Where(s => s.At >= end - Minute).Select(s => s.Rss));
        result.Add("writes", requests.Writes, "", "0", requests.Writes == 0);
        result.AddGets(requests);
        result.Add("LISTs", requests.Lists, "");
        result.Add("WATCH requests", requests.Watches, "");
        result.Add("reconciles", reconciles, "");
        result.Add("RSS start", ColdScenario.Mib(samples[0].Rss), "MiB");
        result.Add("RSS end", ColdScenario.Mib(samples[^1].Rss), "MiB");
        result.Add("RSS max", ColdScenario.Mib(samples.Max(s => s.Rss)), "MiB");
        result.Add("RSS first minute (median)", ColdScenario.Mib((long)firstMinute), "MiB");
        result.Add("RSS last minute (median)", ColdScenario.Mib((long)lastMinute), "MiB");
        result.Add("RSS growth first to last minute", ColdScenario.Mib((long)(lastMinute - firstMinute)), "MiB");
        result.Note("RSS samples (MiB): " + string.Join(' ', samples.Select(s => ColdScenario.Mib(s.Rss).ToString("0", CultureInfo.InvariantCulture))));
        return result;
    }

    private static double Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
    }
}
