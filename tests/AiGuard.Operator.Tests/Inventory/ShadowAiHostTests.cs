using AiGuard.Operator.Hosting;
using AiGuard.Operator.Inventory;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Operator.Tests.Hosting;
using AiGuard.Operator.Tests.Runtime;
using k8s;
using Prometheus;

namespace AiGuard.Operator.Tests.Inventory;

/// <summary>The operator process wires the scanner, the shared inventory and the metric together, and only the leader exports.</summary>
public sealed class ShadowAiHostTests
{
    [Fact]
    public async Task The_leaders_metrics_endpoint_serves_the_inventory_and_a_standby_exports_nothing()
    {
        await using var sandbox = await HostFixtures.StartClusterAsync("ml-prod");
        using var client = sandbox.CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("chatbot"), "ml-prod");
        var registries = new[] { Metrics.NewCustomRegistry(), Metrics.NewCustomRegistry() };
        await using var a = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "inventory-a"), ModelDeploymentCore.Create, registries[0]);
        await using var b = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "inventory-b"), ModelDeploymentCore.Create, registries[1]);
        await a.StartAsync();
        await b.StartAsync();
        await Eventually.TrueAsync(() => a.State.IsLeader || b.State.IsLeader, "one replica leads");
        var (leader, standby) = a.State.IsLeader ? (a, b) : (b, a);
        const string series = UnmanagedWorkloadMetrics.Name + "{namespace=\"ml-prod\",kind=\"Deployment\"}";

        using var http = new HttpClient();
        await Eventually.TrueAsync(
            async () => (await http.GetStringAsync(new Uri(leader.MetricsAddress, "metrics"))).Contains(series + " 1", StringComparison.Ordinal),
            "the leader's /metrics to count the vLLM Deployment", TimeSpan.FromSeconds(30));

        Assert.Equal(["chatbot"], leader.Inventory.Snapshot.Select(w => w.Name));
        Assert.Empty(standby.Inventory.Snapshot);
        Assert.DoesNotContain(UnmanagedWorkloadMetrics.Name + "{", await http.GetStringAsync(new Uri(standby.MetricsAddress, "metrics")), StringComparison.Ordinal);
    }
}
