using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// Children are created by POST (an Update entry in managedFields) and later server-side applied: the operator moves
/// its Update entry into its Apply entry, so a field the plan drops leaves the child, and other managers' fields stay.
/// </summary>
public sealed class FieldOwnershipTests : IAsyncLifetime
{
    private const string Ns = "ml-fields";
    private OperatorHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await OperatorHarness.StartAsync();
        await _h.CreateNamespaceAsync(Ns);
        var model = TestModels.Compliant(Ns, "limited");
        model.Spec.Serving.Resources = new ResourceRequirementsSpec
        {
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2"), ["memory"] = new("4Gi") },
            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("1") },
        };
        await _h.CreateAsync(model);
        await _h.WaitForPhaseAsync(Ns, "limited", Phases.Compliant);
        Assert.NotNull(Container(await DeploymentAsync()).Resources?.Limits);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Resource_limits_the_spec_stops_asking_for_are_removed_from_the_deployment()
    {
        await _h.PatchModelAsync(Ns, "limited", """{"spec":{"serving":{"resources":{"limits":null}}}}""");

        var deployment = await OperatorHarness.PollAsync(async () =>
        {
            var d = await DeploymentAsync();
            return Container(d).Resources?.Limits is not { Count: > 0 } ? d : null;
        }, () => "the Deployment without resources.limits");
        Assert.Equal("1", Container(deployment).Resources!.Requests!["cpu"].ToString());
        // Our fields are all in the Apply entry now: the create's Update entry is gone, so later drops work too.
        Assert.DoesNotContain(deployment.Metadata.ManagedFields!, e => e.Manager == ApiGroup.FieldManager && e.Operation == "Update" && string.IsNullOrEmpty(e.Subresource));
        Assert.Contains(deployment.Metadata.ManagedFields!, e => e.Manager == ApiGroup.FieldManager && e.Operation == "Apply");

        await _h.PatchModelAsync(Ns, "limited", """{"spec":{"serving":{"resources":null}}}""");
        await OperatorHarness.PollAsync(async () =>
        {
            var d = await DeploymentAsync();
            return Container(d).Resources?.Requests is not { Count: > 0 } ? d : null;
        }, () => "the Deployment without resources.requests");
    }

    [Fact]
    public async Task Fields_another_manager_set_on_a_child_survive_the_upgrade()
    {
        await _h.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"annotations":{"team.example.com/pager":"ml-oncall"}}}""", V1Patch.PatchType.MergePatch),
            "limited", Ns, fieldManager: "team-tooling");

        await _h.PatchModelAsync(Ns, "limited", """{"spec":{"serving":{"resources":{"limits":null}}}}""");
        var deployment = await OperatorHarness.PollAsync(async () =>
        {
            var d = await DeploymentAsync();
            return Container(d).Resources?.Limits is not { Count: > 0 } ? d : null;
        }, () => "the Deployment without resources.limits");
        await Quiescence.WaitAsync(_h.Core);

        deployment = await DeploymentAsync();
        Assert.Equal("ml-oncall", deployment.Metadata.Annotations!["team.example.com/pager"]);
        Assert.Contains(deployment.Metadata.ManagedFields!, e => e.Manager == "team-tooling");
    }

    private Task<V1Deployment> DeploymentAsync() => _h.Client.AppsV1.ReadNamespacedDeploymentAsync("limited", Ns);

    private static V1Container Container(V1Deployment deployment) => deployment.Spec.Template.Spec.Containers.Single(c => c.Name != null && !c.Name.StartsWith("init", StringComparison.Ordinal));
}
