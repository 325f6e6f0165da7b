using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Workloads;

/// <summary>Simulated Deployment availability (status replicas, observedGeneration, conditions).</summary>
public sealed class DeploymentSimulationTests : SandboxFixture
{
    protected override SandboxOptions Options => new() { SimulateWorkloads = true, WorkloadReadyDelay = TimeSpan.FromMilliseconds(100) };

    private Task<V1Deployment> WaitAvailableAsync(string name, long generation, int replicas) =>
        Eventually.ReturnsAsync(
            () => Client.AppsV1.ReadNamespacedDeploymentAsync(name, "default"),
            d => d.Status?.ObservedGeneration == generation && d.Status.AvailableReplicas == replicas,
            what: $"{name} available at generation {generation}");

    [Fact]
    public async Task Deployment_becomes_available_after_each_change()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployments.Web("sim", replicas: 2), "default");
        var ready = await WaitAvailableAsync("sim", 1, 2);
        Assert.Equal(2, ready.Status.ReadyReplicas);
        Assert.Equal(2, ready.Status.UpdatedReplicas);
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Available" && c.Status == "True");
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable");
        Assert.Equal(1, ready.Metadata.Generation);

        await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":4}}", V1Patch.PatchType.MergePatch), "sim", "default");
        var scaled = await WaitAvailableAsync("sim", 2, 4);
        Assert.Equal(4, scaled.Status.Replicas);
    }

    [Fact]
    public async Task Without_simulation_deployments_stay_unavailable()
    {
        await using var plain = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = plain.CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployments.Web("idle"), "default");
        await Task.Delay(300);
        Assert.Null((await client.AppsV1.ReadNamespacedDeploymentAsync("idle", "default")).Status?.AvailableReplicas);
    }
}
