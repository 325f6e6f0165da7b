using System.Diagnostics;
using System.Globalization;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// Watch disruption: while specs churn slowly, every open watch is closed every 10 s, and halfway a 410 storm (every
/// watch closed and the next watches and lists answered 410 Expired, twice as many as the operator has informers).
/// Afterwards: no model or child duplicated or lost, every change reached status, relists bounded by the 410s sent.
/// </summary>
internal static class DisruptScenario
{
    private static readonly TimeSpan CloseEvery = TimeSpan.FromSeconds(10);

    public static async Task<ScenarioResult> RunAsync(SuiteOptions options)
    {
        var seconds = options.Size ?? options.Seconds ?? 60;
        var models = options.Models ?? 1000;
        var rate = options.Rate ?? 5;
        var result = new ScenarioResult("disrupt", SuiteCommand.For(string.Create(CultureInfo.InvariantCulture, $"disrupt {seconds:0} --models {models} --rate {rate:0.##}")));
        Console.WriteLine($"watch disruption: {models} converged models, {rate:0.##} changes/s for {seconds:0} s, every watch closed every {CloseEvery.TotalSeconds:0} s, a 410 storm halfway");
        await using var stack = await BenchStack.StartAsync(options);
        var empty = new RequestSnapshot(new Dictionary<AiGuard.Sandbox.Metrics.RequestKey, long>(), new Dictionary<string, long>());
        if (await stack.ConvergeAsync(models) is null)
        {
            return result.Fail("did not converge");
        }

        var baseline = PerOwner(await ChildKinds.ListAsync(stack.Sandbox.Http));
        var start = await RequestSnapshot.TakeAsync(stack.Sandbox);
        var informers = start.Since(empty).Lists; // each informer listed once to start
        using var churn = new ChurnDriver(stack, models);
        using var stop = new CancellationTokenSource();
        var churning = churn.RunAsync(rate, TimeSpan.FromSeconds(seconds), stop.Token);
        var clock = Stopwatch.StartNew();
        int closes = 0, closedWatches = 0, armed = 0;
        var stormed = false;
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            await Task.Delay(CloseEvery < TimeSpan.FromSeconds(seconds) - clock.Elapsed ? CloseEvery : TimeSpan.FromSeconds(seconds) - clock.Elapsed);
            if (!stormed && clock.Elapsed >= TimeSpan.FromSeconds(seconds / 2))
            {
                stormed = true;
                armed = await stack.Sandbox.ExpireNextAsync((int)(2 * informers));
            }

            closedWatches += await stack.Sandbox.CloseWatchesAsync();
            closes++;
        }

        await churning;
        var drained = await churn.DrainAsync(options.WaitLimit);
        var observed = await WaitObservedAsync(stack, options.WaitLimit);
        var requests = (await RequestSnapshot.TakeAsync(stack.Sandbox)).Since(start);
        var after = PerOwner(await ChildKinds.ListAsync(stack.Sandbox.Http));
        var duplicates = after.Sum(p => Math.Max(0, p.Value - baseline.GetValueOrDefault(p.Key)));
        var missing = baseline.Sum(p => Math.Max(0, p.Value - after.GetValueOrDefault(p.Key)));
        // A relist of a big resource is several LIST pages (500 objects each); children run up to 2 per model per kind.
        var pages = (long)Math.Ceiling(2.0 * models / 500) + 1;
        var relistBound = (armed + informers) * pages;

        result.Add("informers", informers, "");
        result.Add("close-all rounds", closes, "");
        result.Add("watches closed", closedWatches, "");
        result.Add("410s armed", armed, "");
        result.Add("operator LIST requests (relist pages)", requests.Lists, "", string.Create(CultureInfo.InvariantCulture, $"<= (410s + informers) x {pages} pages = {relistBound}"), requests.Lists <= relistBound);
        result.Add("operator re-watches", requests.Watches, "");
        result.Add("duplicate children", duplicates, "", "0", duplicates == 0);
        result.Add("missing children", missing, "", "0", missing == 0);
        result.Add("models (server)", stack.Models.Objects.Count, "", models.ToString(CultureInfo.InvariantCulture), stack.Models.Objects.Count == models);
        ChurnScenario.Report(result, churn, seconds);
        result.AddGets(requests);
        if (!drained || !observed)
        {
            return result.Fail($"{churn.Pending} changes never reached status; every generation observed: {observed}");
        }

        return result;
    }

    /// <summary>Children per (kind, owner uid): a duplicate shows as a count above the converged baseline.</summary>
    public static Dictionary<(string Kind, string Owner), int> PerOwner(Dictionary<string, List<ChildState>> children) =>
        children.SelectMany(k => k.Value.Select(c => (k.Key, c.OwnerUid ?? "(none)")))
            .GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());

    private static async Task<bool> WaitObservedAsync(BenchStack stack, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!stack.AllObserved())
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
