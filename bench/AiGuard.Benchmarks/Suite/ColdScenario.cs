using System.Diagnostics;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// Cold start: N ModelDeployments created against a running operator; time until each shows its expected phase for
/// its generation, the operator's writes and GETs per model, its RSS before and after, the children it made; then,
/// with the operator stopped, the same writes from bare clients (the floor) at its concurrency and at 8.
/// </summary>
internal static class ColdScenario
{
    private const double FloorFactorTarget = 2.0;

    public static async Task<ScenarioResult> RunAsync(SuiteOptions options)
    {
        var models = (int)(options.Size ?? options.Models ?? 1000);
        var name = options.WarmUp > 0 ? $"cold {models} --warm-up {options.WarmUp}" : $"cold {models}";
        var result = new ScenarioResult(name, SuiteCommand.For(name));
        Console.WriteLine($"cold start: {models} ModelDeployments, one operator process ({options.Workers} workers), sandbox process");
        await using var stack = await BenchStack.StartAsync(options);
        var op = stack.Operators[0];
        if (options.WarmUp > 0)
        {
            // Models named after the measured ones, converged first: what follows is what a running operator pays per model.
            Console.WriteLine($"   warm-up: {options.WarmUp} models first");
            await stack.CreateModelsAsync(models, options.WarmUp);
            if (await stack.WaitSettledAsync(models, options.WarmUp, BenchFleet.ExpectedBefore, Stopwatch.StartNew()) is null)
            {
                return result.Fail("the warm-up models did not converge");
            }
        }

        var bodies = BenchStack.CreateBodies(0, models);
        var rssBefore = op.ResidentBytes();
        var before = await RequestSnapshot.TakeAsync(stack.Sandbox);
        var scrapeBefore = await op.ScrapeAsync();
        var cpuBefore = scrapeBefore.Sum("process_cpu_seconds_total");
        var sandboxCpuBefore = SandboxCpu(stack.Sandbox);
        var benchCpuBefore = BenchCpu();
        var clock = Stopwatch.StartNew();
        await stack.CreateModelsAsync(bodies);
        var created = clock.Elapsed;
        var converged = await stack.WaitSettledAsync(models, BenchFleet.ExpectedBefore, clock);
        if (converged is null)
        {
            return result.Fail("did not converge");
        }

        var rssAfter = op.ResidentBytes();
        var scrapeAfter = await op.ScrapeAsync();
        var cpu = scrapeAfter.Sum("process_cpu_seconds_total") - cpuBefore;
        var sandboxCpu = SandboxCpu(stack.Sandbox) - sandboxCpuBefore;
        var benchCpu = BenchCpu() - benchCpuBefore;
        double Reconciles(string result) => scrapeAfter.Sum("controller_runtime_reconcile_total", l => l.GetValueOrDefault("controller") == "modeldeployments" && l.GetValueOrDefault("result") == result)
            - scrapeBefore.Sum("controller_runtime_reconcile_total", l => l.GetValueOrDefault("controller") == "modeldeployments" && l.GetValueOrDefault("result") == result);
        var requests = (await RequestSnapshot.TakeAsync(stack.Sandbox)).Since(before);
        var children = await ChildKinds.ListAsync(stack.Sandbox.Http);
        var childCount = children.Values.Sum(c => c.Count);
        var childrenPerModel = childCount / (double)models;
        // Per model: what a new model costs (its children, its status, its events); a policy's own status is not per model.
        var mix = OperatorMix(requests, models);
        var policyStatus = mix.Where(w => w.Resource is "guardpolicies/status" or "guardexceptions/status").Sum(w => w.Count);
        var writesPerModel = (requests.Writes - policyStatus) / (double)models;

        result.Add("all created (4 clients)", created.TotalSeconds, "s");
        result.Add("converged", converged.Value.TotalSeconds, "s");
        result.Add("models/s", models / converged.Value.TotalSeconds, "1/s");
        result.Add("operator CPU while converging", cpu, "s");
        result.Add("sandbox CPU while converging", sandboxCpu, "s");
        result.Add("benchmark CPU while converging (creates, tracker)", benchCpu, "s");
        result.Add("model reconciles (success)", Reconciles("success"), "");
        result.Add("model reconciles (error / requeue_after)", Reconciles("error") + Reconciles("requeue_after"), "");
        result.Add("children/model", childrenPerModel, "");
        result.Add("writes/model", writesPerModel, "", $"<= children + 2 = {childrenPerModel + 2:0.##}", writesPerModel <= childrenPerModel + 2);
        result.Add("policy status writes", policyStatus, "");
        result.AddGets(requests);
        result.Add("operator LISTs", requests.Lists, "");
        result.Add("RSS before", Mib(rssBefore), "MiB");
        result.Add("RSS after", Mib(rssAfter), "MiB");
        result.Add("RSS/model", (rssAfter - rssBefore) / 1024.0 / models, "KiB");
        result.Note($"operator writes: {string.Join(", ", mix.Select(w => $"{w.Verb} {w.Resource} {w.Count}"))}");

        // The floor: the same writes from bare clients, with the operator stopped so it does not compete.
        await op.KillAsync();
        var floor = await WriteFloor.PrepareAsync(stack.Sandbox, mix);
        if (floor.Skipped > 0)
        {
            result.Note($"the floor skipped {floor.Skipped} writes it cannot replay (deletes or unknown resources)");
        }

        // Each round writes objects of its own names: with 8 workers the two rounds have the same concurrency.
        var floorCpuBefore = SandboxCpu(stack.Sandbox);
        var floorBenchCpuBefore = BenchCpu();
        var (atWorkers, failedWorkers) = await floor.RunAsync(options.Workers, "operator-concurrency");
        var floorCpu = SandboxCpu(stack.Sandbox) - floorCpuBefore;
        var floorBenchCpu = BenchCpu() - floorBenchCpuBefore;
        var (atEight, failedEight) = await floor.RunAsync(8, "w8");
        if (failedWorkers + failedEight > 0)
        {
            result.Note($"floor writes answered with an error: {failedWorkers + failedEight}");
        }

        var factor = converged.Value / atWorkers;
        result.Add($"floor ({floor.Total} writes, {options.Workers} clients)", atWorkers.TotalSeconds, "s");
        result.Add($"sandbox CPU for the floor at {options.Workers}", floorCpu, "s");
        result.Add($"benchmark CPU for the floor at {options.Workers} (its clients)", floorBenchCpu, "s");
        result.Add($"floor ({floor.Total} writes, 8 clients)", atEight.TotalSeconds, "s");
        result.Add($"converged / floor at {options.Workers}", factor, "x", $"<= {FloorFactorTarget}", factor <= FloorFactorTarget);
        result.Add("converged / floor at 8", converged.Value / atEight, "x");
        return result;
    }

    /// <summary>The sandbox's writes of the phase minus the benchmark's own creates: what the operator wrote.</summary>
    public static List<(string Verb, string Resource, long Count)> OperatorMix(OperatorRequests requests, int created) =>
    [
        .. requests.Server.WriteMix()
            .Select(w => w.Verb == "create" && w.Resource == "modeldeployments" ? (w.Verb, w.Resource, w.Count - created) : w)
            .Where(w => w.Item3 > 0 && w.Item2 != "leases"),
    ];

    /// <summary>
    /// The sandbox's CPU time so far: with both processes on the same cores the floor ratio is a ratio of CPU per
    /// write, so what the sandbox spends on the operator's writes and watches is half the figure.
    /// </summary>
    private static double SandboxCpu(SandboxProcess sandbox)
    {
        using var process = Process.GetProcessById(sandbox.Process.Id);
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>
    /// The benchmark's own CPU time so far: its creates and its watch of every model share the two cores with the
    /// operator and the sandbox during the converge phase, and the floor has no such company.
    /// </summary>
    private static double BenchCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    public static double Mib(long bytes) => bytes / 1024.0 / 1024.0;
}
