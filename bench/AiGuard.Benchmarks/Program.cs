// Benchmarks print their figures; run with: dotnet run -c Release --project bench/AiGuard.Benchmarks -- <name>
using AiGuard.Benchmarks;

// As the CLI's Main: quantities are read in bounded time before anything reads an object.
AiGuard.Api.Quantities.SafeKubernetesJson.Install();

var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["engine"] = EngineBenchmark.RunAsync,
    ["sandbox"] = SandboxBenchmark.RunAsync,
    ["operator"] = OperatorBenchmark.RunAsync,
    ["audit"] = AuditBenchmark.RunAsync,
    ["audit-process"] = AuditProcessBenchmark.RunAsync,
};
foreach (var (name, scenario) in AiGuard.Benchmarks.Suite.SuiteRunner.Entries)
{
    benchmarks[name] = scenario;
}

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: AiGuard.Benchmarks <{string.Join("|", benchmarks.Keys)}> [options]");
    return 2;
}

return await run(args[1..]);
