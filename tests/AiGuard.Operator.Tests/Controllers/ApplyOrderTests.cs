using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Sandbox.Faults;
using k8s;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// The order a new model's children are written in: the NetworkPolicy before anything else, the other safety
/// children together, the Deployment (the only child that runs pods) after all of them. The sandbox refuses one
/// kind's creates and the tests read what exists while the operator keeps retrying.
/// </summary>
public sealed class ApplyOrderTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-order";
    private const string FailedReconciles = "controller_runtime_reconcile_total{controller=\"modeldeployments\",result=\"error\"}";

    [Fact]
    public async Task Nothing_is_created_while_the_network_policy_cannot_be()
    {
        var fault = Harness.Sandbox.Faults.Add(new FaultRule { Verb = "create", Resource = "networkpolicies", Namespace = Ns, Message = "injected" });
        await Harness.CreateAsync(TestModels.Compliant(Ns, "isolated-first", withAccess: true));
        await WaitForFailedReconcilesAsync(2);

        Assert.Empty(await ChildrenAsync("isolated-first"));

        Harness.Sandbox.Faults.Remove(fault.Id);
        await Harness.WaitForPhaseAsync(Ns, "isolated-first", Phases.Compliant);
        Assert.Equal(
            ["Deployment", "NetworkPolicy", "Role", "Role", "RoleBinding", "RoleBinding", "Service", "ServiceAccount"],
            (await ChildrenAsync("isolated-first")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deployment_waits_for_every_safety_child_while_independent_ones_are_written_together()
    {
        var fault = Harness.Sandbox.Faults.Add(new FaultRule { Verb = "create", Resource = "serviceaccounts", Namespace = Ns, Message = "injected" });
        await Harness.CreateAsync(TestModels.Compliant(Ns, "identity-late", withAccess: true));
        await WaitForFailedReconcilesAsync(2);

        // The Service and the Roles do not wait for the ServiceAccount (written one after another, the Service would
        // come after it); the bindings do (a binding to a name someone else holds would grant that identity), and so
        // does the Deployment: no pod runs before every safety child is in place.
        Assert.Equal(["NetworkPolicy", "Role", "Role", "Service"], (await ChildrenAsync("identity-late")).Order(StringComparer.Ordinal));

        Harness.Sandbox.Faults.Remove(fault.Id);
        await Harness.WaitForPhaseAsync(Ns, "identity-late", Phases.Compliant);
        Assert.Contains("Deployment", await ChildrenAsync("identity-late"));
    }

    private async Task WaitForFailedReconcilesAsync(int count) =>
        await Eventually.TrueAsync(async () => await Harness.MetricAsync(FailedReconciles) >= count, $"{count} failed reconciles", TimeSpan.FromSeconds(30));

    // The kinds of the objects in the namespace that carry the model's label (the fault refuses the one kind).
    private async Task<List<string>> ChildrenAsync(string model)
    {
        var selector = $"{ApiGroup.ModelDeploymentLabel}={model}";
        var client = Harness.Client;
        return
        [
            .. (await client.NetworkingV1.ListNamespacedNetworkPolicyAsync(Ns, labelSelector: selector)).Items.Select(_ => "NetworkPolicy"),
            .. (await client.CoreV1.ListNamespacedServiceAccountAsync(Ns, labelSelector: selector)).Items.Select(_ => "ServiceAccount"),
            .. (await client.RbacAuthorizationV1.ListNamespacedRoleAsync(Ns, labelSelector: selector)).Items.Select(_ => "Role"),
            .. (await client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(Ns, labelSelector: selector)).Items.Select(_ => "RoleBinding"),
            .. (await client.CoreV1.ListNamespacedSecretAsync(Ns, labelSelector: selector)).Items.Select(_ => "Secret"),
            .. (await client.CoreV1.ListNamespacedServiceAsync(Ns, labelSelector: selector)).Items.Select(_ => "Service"),
            .. (await client.AppsV1.ListNamespacedDeploymentAsync(Ns, labelSelector: selector)).Items.Select(_ => "Deployment"),
        ];
    }
}
