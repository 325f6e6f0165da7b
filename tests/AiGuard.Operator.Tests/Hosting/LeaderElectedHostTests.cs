using System.Diagnostics;
using AiGuard.Operator.Hosting;
using AiGuard.Operator.Tests.Runtime;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Faults;
using k8s;

namespace AiGuard.Operator.Tests.Hosting;

public sealed class LeaderElectedHostTests
{
    [Fact]
    public async Task Exactly_one_of_two_hosts_runs_workers_and_a_standby_takes_over_when_the_leader_stops()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await HostFixtures.CreateOperatorNamespaceWithKeyAsync(sandbox);
        var cores = new[] { new RecordingCore(), new RecordingCore() };
        await using var first = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "replica-a"), _ => cores[0]);
        await using var second = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "replica-b"), _ => cores[1]);
        await first.StartAsync();
        await second.StartAsync();

        await Eventually.TrueAsync(() => cores.Any(c => c.WorkersRunning), "one replica leads");
        var (leader, standby, leaderCore, standbyCore) = cores[0].WorkersRunning
            ? (first, second, cores[0], cores[1])
            : (second, first, cores[1], cores[0]);

        // Standbys keep their caches warm but never run workers while the leader renews (several lease periods).
        await Eventually.TrueAsync(() => standby.State.Leader == leader.State.Identity, "the standby sees the leader");
        var observe = Stopwatch.StartNew();
        while (observe.Elapsed < TimeSpan.FromSeconds(4))
        {
            Assert.False(standbyCore.WorkersRunning, "the standby ran workers while the leader held the lease");
            Assert.True(leaderCore.WorkersRunning, "the leader stopped its workers while holding the lease");
            await Task.Delay(50);
        }

        Assert.True(standby.State.CachesSynced);
        Assert.Equal(leader.State.Identity, await HostFixtures.LeaseHolderAsync(sandbox));

        await leader.StopAsync();
        Assert.False(leaderCore.WorkersRunning);

        // A graceful stop releases the lease, so the standby takes over without waiting for it to expire; how fast is a
        // figure of the bench's failover scenario, not a wall-clock assertion that a loaded CI machine would break.
        await Eventually.TrueAsync(() => standbyCore.WorkersRunning, "the standby takes over");
        Assert.Equal(standby.State.Identity, await HostFixtures.LeaseHolderAsync(sandbox));
        Assert.Equal(1, leaderCore.WorkerStarts);
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_its_lease_stops_its_workers_and_leads_again_when_the_api_recovers()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await HostFixtures.CreateOperatorNamespaceWithKeyAsync(sandbox);
        var core = new RecordingCore();
        await using var host = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "replica-a"), _ => core);
        await host.StartAsync();
        await Eventually.TrueAsync(() => core.WorkersRunning, "the only replica leads");

        var outage = sandbox.Faults.Add(new FaultRule { Resource = "leases", StatusCode = 503, Message = "simulated outage" });
        var lost = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => !core.WorkersRunning, "workers stop once renewals fail past the RenewDeadline");
        Assert.True(lost.Elapsed >= TimeSpan.FromSeconds(1.5), $"workers stopped after {lost.Elapsed}, before the RenewDeadline");
        Assert.False(host.State.IsLeader);

        sandbox.Faults.Remove(outage.Id);
        await Eventually.TrueAsync(() => core.WorkersRunning, "leads again after the outage");
        Assert.Equal(2, core.WorkerStarts);
    }

    [Fact]
    public async Task Two_installs_with_their_own_lease_names_in_one_namespace_each_elect_a_leader()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await HostFixtures.CreateOperatorNamespaceWithKeyAsync(sandbox);
        var cores = new[] { new RecordingCore(), new RecordingCore() };
        await using var teamA = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "team-a-0") with { LeaseName = "team-a-aiguard-operator" }, _ => cores[0]);
        await using var teamB = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "team-b-0") with { LeaseName = "team-b-aiguard-operator" }, _ => cores[1]);
        await teamA.StartAsync();
        await teamB.StartAsync();

        // With one shared Lease name only one of them would ever run workers.
        await Eventually.TrueAsync(() => cores.All(c => c.WorkersRunning), "both installs lead");
        using var client = sandbox.CreateClient();
        Assert.Equal("team-a-0", (await client.CoordinationV1.ReadNamespacedLeaseAsync("team-a-aiguard-operator", HostFixtures.OperatorNamespace)).Spec.HolderIdentity);
        Assert.Equal("team-b-0", (await client.CoordinationV1.ReadNamespacedLeaseAsync("team-b-aiguard-operator", HostFixtures.OperatorNamespace)).Spec.HolderIdentity);
        Assert.Null(await HostFixtures.LeaseHolderAsync(sandbox));
    }
}
