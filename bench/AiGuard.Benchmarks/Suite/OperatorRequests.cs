namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// OperatorRequests are the API requests of one phase with the benchmark's own taken out: the sandbox counts every
/// client, the benchmark counts what it sent itself, and nothing else talks to the sandbox.
/// </summary>
internal sealed class OperatorRequests(RequestTally server, IReadOnlyDictionary<string, long> bench)
{
    private static readonly string[] BenchWriteVerbs = ["create", "update", "patch", "delete"];

    /// <summary>Every request the sandbox answered in the phase, the benchmark's included.</summary>
    public RequestTally Server => server;

    /// <summary>Writes by the operators on the cluster's objects (the Lease's renewals apart; see <see cref="LeaseRequests"/>).</summary>
    public long Writes => server.Writes - server.WritesOn("leases") - BenchWriteVerbs.Sum(v => bench.GetValueOrDefault(v));

    /// <summary>Single-object GETs apart from the leader-election Lease (the benchmark sends none).</summary>
    public long Gets => server.Verb("get") - server.VerbOn("get", "leases");

    /// <summary>LISTs by the operators: their informers' initial lists and relists.</summary>
    public long Lists => server.Verb("list") - bench.GetValueOrDefault("read");

    public long Watches => server.Verb("watch") - bench.GetValueOrDefault("watch");

    /// <summary>Lease requests (get and update) of the leader election.</summary>
    public long LeaseRequests => server.VerbOn("get", "leases") + server.WritesOn("leases");
}
