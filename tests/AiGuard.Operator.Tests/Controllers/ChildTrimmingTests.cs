using System.Text.Json.Nodes;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// The operator caches Deployments and Services trimmed of what the API server writes and no reader uses
/// (ChildTrimming): the dropped fields are gone from the cache, while every field the operator sets or a namespace
/// user could add to weaken the child stays visible, and tampering with one is still healed.
/// </summary>
public sealed class ChildTrimmingTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-trim";
    private const string Name = "trimmed";
    private static readonly TimeSpan Repair = TimeSpan.FromSeconds(10);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Harness.CreateAsync(TestModels.Compliant(Ns, Name));
        await Harness.WaitForPhaseAsync(Ns, Name, Phases.Compliant);
    }

    // Cached maps hold their keys sorted: compared as JSON trees, whose objects are unordered.
    private static bool SameJson(object stored, object cached) =>
        JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(stored)), JsonNode.Parse(KubernetesJson.Serialize(cached)));

    private V1Deployment? CachedDeployment => Harness.Core.Caches.Deployments.Get(Ns, Name);

    private V1Service? CachedService => Harness.Core.Caches.Services.Get(Ns, Name);

    [Fact]
    public async Task Cached_deployment_keeps_its_spec_and_the_rollout_fields_only()
    {
        var stored = await OperatorHarness.PollAsync(
            async () => await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, Ns) is { Status.Conditions.Count: > 0 } d ? d : null,
            () => "the Deployment to report its rollout");
        Assert.Contains(stored.Status.Conditions, c => !string.IsNullOrEmpty(c.Message));

        var cached = await OperatorHarness.PollAsync(
            () => Task.FromResult(CachedDeployment is { Metadata.ResourceVersion: var rv } d && rv == stored.Metadata.ResourceVersion ? d : null),
            () => "the cache to hold the stored Deployment");

        Assert.True(SameJson(stored.Spec, cached.Spec), "the cached spec differs from the stored one");
        Assert.Equal(stored.Status.ObservedGeneration, cached.Status.ObservedGeneration);
        Assert.Equal(stored.Status.Replicas, cached.Status.Replicas);
        Assert.Equal(stored.Status.UpdatedReplicas, cached.Status.UpdatedReplicas);
        Assert.Equal(stored.Status.AvailableReplicas, cached.Status.AvailableReplicas);
        Assert.Equal(stored.Status.Conditions.Select(c => (c.Type, c.Status)), cached.Status.Conditions.Select(c => (c.Type, c.Status)));
        Assert.Null(cached.Status.ReadyReplicas);
        Assert.All(cached.Status.Conditions, c => Assert.True(c.Message is null && c.Reason is null && c.LastUpdateTime is null && c.LastTransitionTime is null));
        Assert.Null(cached.Metadata.ManagedFields);
    }

    [Fact]
    public async Task Cached_service_drops_status_and_cluster_ips_but_keeps_its_spec()
    {
        var stored = await Harness.Client.CoreV1.ReadNamespacedServiceAsync(Name, Ns);
        Assert.False(string.IsNullOrEmpty(stored.Spec.ClusterIP));
        var cached = await OperatorHarness.PollAsync(
            () => Task.FromResult(CachedService is { Metadata.ResourceVersion: var rv } s && rv == stored.Metadata.ResourceVersion ? s : null),
            () => "the cache to hold the stored Service");

        Assert.Null(cached.Status);
        Assert.Null(cached.Spec.ClusterIP);
        Assert.Null(cached.Spec.ClusterIPs);
        Assert.Equal(stored.Spec.Type, cached.Spec.Type);
        Assert.True(SameJson(stored.Spec.Ports, cached.Spec.Ports), "the cached ports differ");
        Assert.True(SameJson(stored.Spec.Selector, cached.Spec.Selector), "the cached selector differs");
    }

    [Fact]
    public async Task Weakened_pod_template_stays_visible_in_the_cache_and_its_operator_fields_are_restored()
    {
        // A namespace user makes the pods privileged, host-networked and token-mounting.
        await Harness.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """
            [{"op":"replace","path":"/spec/template/spec/containers/0/securityContext/privileged","value":true},
             {"op":"replace","path":"/spec/template/spec/automountServiceAccountToken","value":true},
             {"op":"add","path":"/spec/template/spec/hostNetwork","value":true}]
            """, V1Patch.PatchType.JsonPatch), Name, Ns);

        // What the user added and the operator never sets is cached as it is (nothing reading it today loses it).
        await OperatorHarness.PollAsync(
            () => Task.FromResult(CachedDeployment?.Spec.Template.Spec.HostNetwork == true ? "seen" : null),
            () => "the cache to show hostNetwork");

        // What the operator sets is compared against the cache and restored.
        var last = "";
        await OperatorHarness.PollAsync(async () =>
        {
            var pod = (await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, Ns)).Spec.Template.Spec;
            last = $"privileged {pod.Containers[0].SecurityContext.Privileged}, automount {pod.AutomountServiceAccountToken}";
            return pod.Containers[0].SecurityContext.Privileged == false && pod.AutomountServiceAccountToken == false ? "restored" : null;
        }, () => $"the pod template's security fields to be restored; last: {last}", Repair);
    }

    [Fact]
    public async Task Service_turned_into_a_node_port_is_restored()
    {
        await Harness.Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(
            """{"spec":{"type":"NodePort"}}""", V1Patch.PatchType.MergePatch), Name, Ns);

        await OperatorHarness.PollAsync(
            async () => (await Harness.Client.CoreV1.ReadNamespacedServiceAsync(Name, Ns)).Spec.Type == "ClusterIP" ? "restored" : null,
            () => "the Service to be ClusterIP again", Repair);
    }
}
