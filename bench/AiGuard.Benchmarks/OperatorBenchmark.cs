using System.Diagnostics;
using System.Globalization;
using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Sandbox;
using k8s;
using k8s.Models;

namespace AiGuard.Benchmarks;

/// <summary>
/// OperatorBenchmark runs the real operator core (4 workers) against the in-memory API server in the same process
/// with N ModelDeployments over ten namespaces under one GuardPolicy, and prints: time to converge with the API
/// requests it cost, a steady-state window, a policy change that flips half the verdicts, memory per model (the
/// operator's and the sandbox's shares apart) and reconcile latency percentiles.
/// Options: [models, default 1000] [steady-state window in seconds, default 10].
/// </summary>
internal static class OperatorBenchmark
{
    private const int Workers = 4;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var models, out var window))
        {
            Console.Error.WriteLine("usage: AiGuard.Benchmarks operator [models >= 4, default 1000] [steady-state seconds > 0, default 10]");
            return 2;
        }

        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            SimulateWorkloads = true,
            WorkloadReadyDelay = TimeSpan.FromMilliseconds(100),
        });
        using var client = sandbox.CreateClient();
        await BenchCluster.PrepareAsync(client);
        Console.WriteLine($"operator benchmark: {models} ModelDeployments in {BenchFleet.NamespaceCount} namespaces, 1 GuardPolicy, {Workers} workers, "
            + $"{Environment.ProcessorCount} cores; sandbox in the same process (simulated Deployments ready after 100 ms)");

        var empty = MemorySample.Take();
        var result = await MeasureAsync(sandbox, client, models, window);
        if (result is null)
        {
            return 1;
        }

        // Leave the stack the operator's last continuation ran on (unoptimized frames below may still hold it).
        await Task.Yield();
        var sandboxOnly = MemorySample.Take();
        Console.WriteLine();
        Console.WriteLine("memory (managed heap after a full GC; working set of the whole process):");
        Console.WriteLine($"  before the operator (sandbox, CRDs, namespaces, policy): {empty}");
        Console.WriteLine($"  operator started, caches synced, no models:   {Delta(result.Started, empty)}");
        Console.WriteLine($"  after convergence (operator + sandbox):       {result.Converged.Growth(empty, models)}");
        Console.WriteLine($"  at the end, operator running:                 {result.BeforeStop}");
        Console.WriteLine($"  operator stopped ({(result.Collected.IsAlive ? "NOT collected" : "collected")}):".PadRight(48) + sandboxOnly);
        Console.WriteLine($"  operator's share (running - stopped):         {result.BeforeStop.Growth(sandboxOnly, models)}");
        Console.WriteLine($"    of which per model (minus the empty start): {PerModel(result.BeforeStop.Heap - sandboxOnly.Heap - (result.Started.Heap - empty.Heap), models)} heap");
        Console.WriteLine($"  sandbox's share (stopped - before operator):  {sandboxOnly.Growth(empty, models)}");
        Console.WriteLine("  (the working set rarely shrinks after a GC, so only the heap splits cleanly)");
        return 0;
    }

    // Runs the operator from start to stop in its own frame, so nothing here keeps it reachable afterwards.
    private static async Task<Measurements?> MeasureAsync(SandboxServer sandbox, Kubernetes client, int models, double windowSeconds)
    {
        var run = await OperatorRun.StartAsync(sandbox, Workers);
        var collected = new WeakReference(run.Core);
        try
        {
            var started = MemorySample.Take();
            if (!await ConvergeAsync(sandbox, client, run, models))
            {
                return null;
            }

            var converged = MemorySample.Take();
            await SteadyStateAsync(sandbox, run, TimeSpan.FromSeconds(windowSeconds));
            if (!await FlipAsync(sandbox, client, run, models))
            {
                return null;
            }

            return new Measurements(started, converged, MemorySample.Take(), collected);
        }
        finally
        {
            await run.DisposeAsync();
        }
    }

    private static async Task<bool> ConvergeAsync(SandboxServer sandbox, Kubernetes client, OperatorRun run, int models)
    {
        Console.WriteLine();
        Console.WriteLine($"1. converge: create {models} models (4 concurrent creators) until each has its expected phase and observedGeneration");
        sandbox.Metrics.Reset();
        var histogram = await ReconcileHistogram.ReadAsync(run.Registry);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(creator => Task.Run(async () =>
        {
            for (var i = creator; i < models; i += 4)
            {
                var model = BenchFleet.Model(i);
                await client.CustomObjects.CreateNamespacedCustomObjectAsync<ModelDeployment>(
                    model, ApiGroup.Group, ApiGroup.Version, model.Metadata.NamespaceProperty, ModelDeployment.Plural);
            }
        })));
        var created = clock.Elapsed;
        if (!await WaitSettledAsync(run, models, BenchFleet.ExpectedBefore))
        {
            return false;
        }

        var convergedAt = clock.Elapsed;
        var tally = new RequestTally(sandbox.Metrics.Snapshot());
        var latency = (await ReconcileHistogram.ReadAsync(run.Registry)).Since(histogram);
        var onServer = await BenchCluster.CountOnServerAsync(client, models, BenchFleet.ExpectedBefore);
        var idle = await run.WaitIdleAsync(WaitLimit);
        var operatorWrites = tally.Writes - models; // the benchmark's own creates are the only other writes
        Console.WriteLine($"   created all in {created.TotalSeconds:F2} s; converged {convergedAt.TotalSeconds:F2} s after the first create = {models / convergedAt.TotalSeconds:F0} models/s");
        Console.WriteLine($"   {Tally(models, BenchFleet.ExpectedBefore)}; confirmed by one LIST: {onServer}/{models}; operator idle {(idle ? $"at {clock.Elapsed.TotalSeconds:F2} s" : "NOT within the limit")}");
        Console.WriteLine($"   operator writes: {operatorWrites} = {operatorWrites / (double)models:F2}/model "
            + $"(status {tally.WritesOn("modeldeployments/status") / (double)models:F2}/model, events {tally.WritesOn("events") / (double)models:F2}/model); "
            + $"GETs {tally.Verb("get")} (expected 0)");
        tally.Print("   ");
        Console.WriteLine($"   reconcile latency: {latency.Describe()}");
        return true;
    }

    private static async Task SteadyStateAsync(SandboxServer sandbox, OperatorRun run, TimeSpan window)
    {
        Console.WriteLine();
        Console.WriteLine($"2. steady state: {window.TotalSeconds:0.#} s with nothing changing");
        sandbox.Metrics.Reset();
        var histogram = await ReconcileHistogram.ReadAsync(run.Registry);
        await Task.Delay(window); // the measurement window itself, not a wait for a condition
        var tally = new RequestTally(sandbox.Metrics.Snapshot());
        var reconciles = (await ReconcileHistogram.ReadAsync(run.Registry)).Since(histogram);
        Console.WriteLine($"   writes {tally.Writes} (expected 0), reconciles {reconciles.Count:0}, GETs {tally.Verb("get")}, LISTs {tally.Verb("list")}, WATCH requests {tally.Verb("watch")}");
    }

    private static async Task<bool> FlipAsync(SandboxServer sandbox, Kubernetes client, OperatorRun run, int models)
    {
        Console.WriteLine();
        Console.WriteLine($"3. policy change: minimum triton version 24.10 blocks the {Flipped(models)} models on 24.08 (half of them)");
        sandbox.Metrics.Reset();
        var histogram = await ReconcileHistogram.ReadAsync(run.Registry);
        var clock = Stopwatch.StartNew();
        await client.CustomObjects.PatchClusterCustomObjectAsync(new V1Patch(BenchFleet.FlipPatch, V1Patch.PatchType.MergePatch),
            ApiGroup.Group, ApiGroup.Version, GuardPolicy.Plural, BenchFleet.PolicyName);
        if (!await WaitSettledAsync(run, models, BenchFleet.ExpectedAfterFlip))
        {
            return false;
        }

        var settled = clock.Elapsed;
        var idle = await run.WaitIdleAsync(WaitLimit);
        var idleAt = clock.Elapsed;
        var tally = new RequestTally(sandbox.Metrics.Snapshot());
        var latency = (await ReconcileHistogram.ReadAsync(run.Registry)).Since(histogram);
        var onServer = await BenchCluster.CountOnServerAsync(client, models, BenchFleet.ExpectedAfterFlip);
        Console.WriteLine($"   re-converged in {settled.TotalSeconds:F2} s = {models / settled.TotalSeconds:F0} models re-evaluated/s; operator idle {(idle ? $"at {idleAt.TotalSeconds:F2} s" : "NOT within the limit")}");
        Console.WriteLine($"   {Tally(models, BenchFleet.ExpectedAfterFlip)}; confirmed by one LIST: {onServer}/{models}");
        Console.WriteLine($"   model status writes {tally.WritesOn("modeldeployments/status")} (verdicts flipped: {Flipped(models)}), "
            + $"other operator writes {tally.Writes - tally.WritesOn("modeldeployments/status") - 1}, GETs {tally.Verb("get")}");
        tally.Print("   ");
        Console.WriteLine($"   reconcile latency: {latency.Describe()}");
        return true;
    }

    // Polls the operator's own cache (no API requests) until every model shows its expected phase.
    private static async Task<bool> WaitSettledAsync(OperatorRun run, int models, Func<int, string> expected)
    {
        var clock = Stopwatch.StartNew();
        while (Settled(run, models, expected) < models)
        {
            if (clock.Elapsed > WaitLimit)
            {
                Console.WriteLine($"   NOT converged within {WaitLimit.TotalSeconds:0} s: {Settled(run, models, expected)}/{models} settled; phases now: {Phases(run)}");
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    private static int Settled(OperatorRun run, int models, Func<int, string> expected) => Enumerable.Range(0, models)
        .Count(i => BenchCluster.IsSettled(run.Core.Caches.ModelDeployments.Get(BenchFleet.Namespace(i), BenchFleet.Name(i)), expected(i)));

    private static string Phases(OperatorRun run) => string.Join(", ", run.Core.Caches.ModelDeployments.List()
        .GroupBy(m => m.Status?.Phase ?? "(none)").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

    private static string Tally(int models, Func<int, string> expected) => string.Join(", ", Enumerable.Range(0, models)
        .GroupBy(expected).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

    private static int Flipped(int models) => Enumerable.Range(0, models).Count(i => BenchFleet.ExpectedBefore(i) != BenchFleet.ExpectedAfterFlip(i));

    private static string Delta(MemorySample now, MemorySample before) =>
        $"heap +{(now.Heap - before.Heap) / 1024.0 / 1024.0:F1} MiB, working set +{(now.WorkingSet - before.WorkingSet) / 1024.0 / 1024.0:F1} MiB";

    private static string PerModel(long bytes, int models) => $"{bytes / (double)models / 1024.0:F1} KiB";

    private static bool TryParse(string[] args, out int models, out double window)
    {
        models = 1000;
        window = 10;
        return args.Length <= 2
            && (args.Length < 1 || (int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out models) && models >= 4))
            && (args.Length < 2 || (double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out window) && window > 0));
    }

    private sealed record Measurements(MemorySample Started, MemorySample Converged, MemorySample BeforeStop, WeakReference Collected);
}
