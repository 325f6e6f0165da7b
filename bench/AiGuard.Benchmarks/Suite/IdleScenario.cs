using System.Globalization;

namespace AiGuard.Benchmarks.Suite;

/// <summary>Idle: a converged fleet and nothing changing for a window; the operator must write nothing.</summary>
internal static class IdleScenario
{
    public static async Task<ScenarioResult> RunAsync(SuiteOptions options)
    {
        var seconds = options.Size ?? options.Seconds ?? 600;
        var models = options.Models ?? 1000;
        var result = new ScenarioResult($"idle {seconds:0}", SuiteCommand.For(string.Create(CultureInfo.InvariantCulture, $"idle {seconds:0} --models {models}")));
        Console.WriteLine($"idle: {models} models converged, then {seconds:0} s with nothing changing");
        await using var stack = await BenchStack.StartAsync(options);
        if (await stack.ConvergeAsync(models) is null)
        {
            return result.Fail("did not converge");
        }

        var op = stack.Operators[0];
        var reconcilesBefore = (await op.ScrapeAsync()).Sum("controller_runtime_reconcile_total");
        var before = await RequestSnapshot.TakeAsync(stack.Sandbox);
        var rssBefore = op.ResidentBytes();
        await Task.Delay(TimeSpan.FromSeconds(seconds)); // the measurement window itself, not a wait for a condition
        var requests = (await RequestSnapshot.TakeAsync(stack.Sandbox)).Since(before);
        var reconciles = (await op.ScrapeAsync()).Sum("controller_runtime_reconcile_total") - reconcilesBefore;
        result.Add("writes", requests.Writes, "", "0", requests.Writes == 0);
        result.AddGets(requests);
        result.Add("LISTs", requests.Lists, "");
        result.Add("WATCH requests", requests.Watches, "");
        result.Add("reconciles", reconciles, "");
        result.Add("RSS start", ColdScenario.Mib(rssBefore), "MiB");
        result.Add("RSS end", ColdScenario.Mib(op.ResidentBytes()), "MiB");
        return result;
    }
}
