using AiGuard.Sandbox.Metrics;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// RequestSnapshot is the sandbox's apiserver_request_total and the benchmark's own request counts at one moment; the
/// difference of two is what the operators sent in between (<see cref="OperatorRequests"/>).
/// </summary>
internal sealed record RequestSnapshot(IReadOnlyDictionary<RequestKey, long> Server, IReadOnlyDictionary<string, long> Bench)
{
    public static async Task<RequestSnapshot> TakeAsync(SandboxProcess sandbox) =>
        new((await sandbox.ScrapeAsync()).ApiserverRequests(), new Dictionary<string, long>(sandbox.BenchRequests));

    public OperatorRequests Since(RequestSnapshot earlier)
    {
        var server = Server.ToDictionary(p => p.Key, p => p.Value - earlier.Server.GetValueOrDefault(p.Key));
        var bench = Bench.ToDictionary(p => p.Key, p => p.Value - earlier.Bench.GetValueOrDefault(p.Key), StringComparer.Ordinal);
        return new OperatorRequests(new RequestTally(server), bench);
    }
}
