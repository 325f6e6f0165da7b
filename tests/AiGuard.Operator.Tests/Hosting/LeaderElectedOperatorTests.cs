using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Hosting;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Operator.Tests.Runtime;
using AiGuard.Sandbox;
using Prometheus;

namespace AiGuard.Operator.Tests.Hosting;

/// <summary>Two real operator processes (hosts with the ModelDeployment controller) against one API server.</summary>
public sealed class LeaderElectedOperatorTests
{
    [Fact]
    public async Task Only_the_leader_reconciles_and_the_standby_reconciles_after_the_leader_stops()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SimulateWorkloads = true, WorkloadReadyDelay = TimeSpan.FromMilliseconds(50) });
        using var client = sandbox.CreateClient();
        await ClusterSetup.InstallCrdsAsync(client);
        await HostFixtures.CreateOperatorNamespaceWithKeyAsync(sandbox);
        await HostFixtures.CreateNamespaceAsync(sandbox, "ml-prod");

        var registries = new[] { Metrics.NewCustomRegistry(), Metrics.NewCustomRegistry() };
        await using var a = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "replica-a"), ModelDeploymentCore.Create, registries[0]);
        await using var b = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "replica-b"), ModelDeploymentCore.Create, registries[1]);
        await a.StartAsync();
        await b.StartAsync();
        await Eventually.TrueAsync(() => a.State.IsLeader || b.State.IsLeader, "a replica leads");
        await Eventually.TrueAsync(() => a.State.CachesSynced && b.State.CachesSynced, "both caches sync (standbys stay warm)");
        var (leader, standby, leaderMetrics, standbyMetrics) = a.State.IsLeader ? (a, b, registries[0], registries[1]) : (b, a, registries[1], registries[0]);

        await ClusterSetup.CreateAsync(client, ClusterSetup.CompliantModel("ml-prod", "scorer"));
        await ClusterSetup.WaitForPhaseAsync(client, "ml-prod", "scorer", Phases.Compliant, TimeSpan.FromSeconds(20));

        Assert.True(await SuccessfulReconciles(leaderMetrics) > 0, "the leader reconciled nothing");
        Assert.Equal(0, await SuccessfulReconciles(standbyMetrics));
        Assert.Equal(leader.State.Identity, await HostFixtures.LeaseHolderAsync(sandbox));
        Assert.False(standby.State.IsLeader);

        // How fast a takeover is (LeaseDuration + RenewDeadline at most) is a figure of the bench's failover scenario,
        // not an assertion here: a loaded CI machine delays any process past a wall-clock bound.
        await leader.StopAsync();
        await Eventually.TrueAsync(() => standby.State.IsLeader, "the standby takes over");

        // The new leader acts on a change made after the old one stopped.
        var before = await SuccessfulReconciles(leaderMetrics);
        await ClusterSetup.AnnotateAsync(client, "ml-prod", "scorer", ApiGroup.QuarantineAnnotation, "leader test");
        await ClusterSetup.WaitForPhaseAsync(client, "ml-prod", "scorer", Phases.Quarantined, TimeSpan.FromSeconds(20));
        // The counter moves when the reconcile returns, just after its status write lands: wait for it, not the phase alone.
        await Eventually.TrueAsync(async () => await SuccessfulReconciles(standbyMetrics) > 0, "the new leader counts a successful reconcile");
        Assert.Equal(before, await SuccessfulReconciles(leaderMetrics));
        Assert.Equal(standby.State.Identity, await HostFixtures.LeaseHolderAsync(sandbox));

        // The phase metric is exported by the leader only.
        var exported = await new HttpClient().GetStringAsync(new Uri(standby.MetricsAddress, "metrics"));
        Assert.Contains("aiguard_modeldeployment_phase{namespace=\"ml-prod\",name=\"scorer\",phase=\"Quarantined\"} 1", exported, StringComparison.Ordinal);
    }

    private static async Task<double> SuccessfulReconciles(CollectorRegistry registry) =>
        await MetricText.ValueAsync(registry, "controller_runtime_reconcile_total{controller=\"modeldeployments\",result=\"success\"}") ?? 0;
}
