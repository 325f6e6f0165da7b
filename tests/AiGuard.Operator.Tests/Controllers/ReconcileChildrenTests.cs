using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>A new ModelDeployment gets every child, labelled and owned, and a Compliant, Ready status.</summary>
public sealed class ReconcileChildrenTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-prod";

    [Fact]
    public async Task Creates_every_child_with_labels_and_owner_reference_and_reports_compliant_ready()
    {
        var created = await Harness.CreateAsync(TestModels.Compliant(Ns, "scorer", withAccess: true));

        var model = await Harness.WaitForPhaseAsync(Ns, "scorer", Phases.Compliant);

        var ready = Assert.Single(model.Status!.Conditions!, c => c.Type == ConditionTypes.Ready);
        Assert.Equal("True", ready.Status);
        Assert.Equal(100, model.Status.ComplianceScore);
        Assert.DoesNotContain(model.Status.Conditions!, c => c.Type is ConditionTypes.Stalled or ConditionTypes.Reconciling);

        var children = new List<IKubernetesObject<V1ObjectMeta>>
        {
            await Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("scorer", Ns),
            await Harness.Client.CoreV1.ReadNamespacedServiceAccountAsync("scorer", Ns),
            await Harness.Client.CoreV1.ReadNamespacedServiceAsync("scorer", Ns),
            await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("scorer", Ns),
            await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("scorer-operator", Ns),
            await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("scorer-operator", Ns),
            await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("scorer-viewer", Ns),
            await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("scorer-viewer", Ns),
        };
        foreach (var child in children)
        {
            var labels = child.Metadata.Labels;
            Assert.Equal(ApiGroup.ManagedByValue, labels[ApiGroup.ManagedByLabel]);
            Assert.Equal("scorer", labels[ApiGroup.ModelDeploymentLabel]);
            Assert.Equal("scorer", labels[ApiGroup.NameLabel]);
            var owner = Assert.Single(child.Metadata.OwnerReferences);
            Assert.Equal(created.Metadata.Uid, owner.Uid);
            Assert.Equal(ModelDeployment.KubeKind, owner.Kind);
            Assert.True(owner.Controller);
            // Created with a create-only POST (it cannot land on a foreign object of that name): the operator's field
            // manager records it as an Update; later repairs are forced applies.
            Assert.Contains(child.Metadata.ManagedFields, f => f.Manager == ApiGroup.FieldManager && f.Operation == "Update");
        }

        var deployment = (V1Deployment)children[3];
        Assert.Equal("ghcr.io/acme/triton:24.08-py3@" + TestModels.Digest, deployment.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("scorer", deployment.Spec.Template.Spec.ServiceAccountName);
    }

    [Fact]
    public async Task Stays_progressing_until_the_deployment_is_available()
    {
        await using var h = await OperatorHarness.StartAsync(simulateWorkloads: false);
        await h.CreateNamespaceAsync(Ns);
        await h.CreateAsync(TestModels.Compliant(Ns, "slow"));

        var model = await h.WaitForPhaseAsync(Ns, "slow", Phases.Progressing);
        Assert.Equal("False", model.Status!.Conditions!.Single(c => c.Type == ConditionTypes.Ready).Status);
        Assert.Equal("True", model.Status.Conditions!.Single(c => c.Type == ConditionTypes.Reconciling).Status);

        // Stand in for the deployment controller: report the rollout available.
        var deployment = await h.Client.AppsV1.ReadNamespacedDeploymentAsync("slow", Ns);
        var status = $$$"""
            {"status":{"observedGeneration":{{{deployment.Metadata.Generation}}},"replicas":1,"availableReplicas":1,"readyReplicas":1,"updatedReplicas":1,
              "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable","message":"ok"}]}}
            """;
        await h.Client.AppsV1.PatchNamespacedDeploymentStatusAsync(new V1Patch(status, V1Patch.PatchType.MergePatch), "slow", Ns);

        await h.WaitForPhaseAsync(Ns, "slow", Phases.Compliant);
    }

    [Fact]
    public async Task Deleting_a_child_that_is_no_longer_desired_prunes_it()
    {
        await Harness.CreateAsync(TestModels.Compliant(Ns, "pruned", withAccess: true));
        await Harness.WaitForPhaseAsync(Ns, "pruned", Phases.Compliant);
        await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("pruned-viewer", Ns);

        await Harness.PatchModelAsync(Ns, "pruned", """{"spec":{"access":{"viewers":null}}}""");

        await Eventually.TrueAsync(async () =>
            (await Harness.Client.RbacAuthorizationV1.ListNamespacedRoleAsync(Ns)).Items.All(r => r.Metadata.Name != "pruned-viewer")
            && (await Harness.Client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(Ns)).Items.All(r => r.Metadata.Name != "pruned-viewer"),
            "the viewer Role and RoleBinding to be pruned");
        await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("pruned-operator", Ns);
    }
}
