using System.Diagnostics;
using System.Globalization;

namespace AiGuard.Benchmarks.Suite;

/// <summary>Drift storm: D of the operator's NetworkPolicies deleted at once; time until every one is back.</summary>
internal static class DriftScenario
{
    private static readonly TimeSpan HealTarget = TimeSpan.FromSeconds(10);

    public static async Task<ScenarioResult> RunAsync(SuiteOptions options)
    {
        var deletes = (int)(options.Size ?? 1000);
        var models = options.Models ?? Math.Max(deletes, 1000);
        var result = new ScenarioResult($"drift {deletes}", SuiteCommand.For($"drift {deletes} --models {models}"));
        Console.WriteLine($"drift storm: {models} converged models, then {deletes} of their NetworkPolicies deleted at once");
        await using var stack = await BenchStack.StartAsync(options);
        if (await stack.ConvergeAsync(models) is null)
        {
            return result.Fail("did not converge");
        }

        await using var policies = await ObjectTracker<ChildState>.StartAsync(stack.Sandbox.CreateHttpClient(),
            $"{ChildKinds.Owned["networkpolicies"]}/networkpolicies?{ChildState.Selector}", ChildState.From);
        var victims = policies.Objects.OrderBy(p => p.Key.Name, StringComparer.Ordinal).Take(deletes).ToDictionary(p => p.Key, p => p.Value.Uid);
        if (victims.Count < deletes)
        {
            return result.Fail($"only {victims.Count} NetworkPolicies exist; run with more --models");
        }

        var before = await RequestSnapshot.TakeAsync(stack.Sandbox);
        var queue = new System.Collections.Concurrent.ConcurrentQueue<(string Namespace, string Name)>(victims.Keys);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var http = stack.Sandbox.CreateHttpClient();
            while (queue.TryDequeue(out var key))
            {
                using var response = await http.DeleteAsync(new Uri($"{ChildKinds.Owned["networkpolicies"]}/namespaces/{key.Namespace}/networkpolicies/{key.Name}", UriKind.Relative));
            }
        })));
        var deleted = clock.Elapsed;
        while (victims.Count(v => policies.Objects.TryGetValue(v.Key, out var now) && now.Uid != v.Value) < deletes)
        {
            if (clock.Elapsed > options.WaitLimit)
            {
                return result.Fail($"only {victims.Count(v => policies.Objects.TryGetValue(v.Key, out var now) && now.Uid != v.Value)}/{deletes} healed within {options.WaitLimit.TotalSeconds:0} s");
            }

            await Task.Delay(10);
        }

        var healed = clock.Elapsed;
        var requests = (await RequestSnapshot.TakeAsync(stack.Sandbox)).Since(before);
        result.Add("deletes sent in", deleted.TotalSeconds, "s");
        result.Add("healed (from first delete)", healed.TotalSeconds, "s", string.Create(CultureInfo.InvariantCulture, $"<= {HealTarget.TotalSeconds:0} s"), healed <= HealTarget);
        result.Add("operator writes/heal", requests.Writes / (double)deletes, "");
        result.AddGets(requests);
        return result;
    }
}
