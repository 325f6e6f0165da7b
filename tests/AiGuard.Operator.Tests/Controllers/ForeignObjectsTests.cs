using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>Foreign NetworkPolicies and bindings (AIG-NET-03, AIG-RBAC-03) are seen from the caches and re-evaluate the models they touch.</summary>
public sealed class ForeignObjectsTests : IAsyncLifetime
{
    private const string Ns = "ml-foreign";
    private OperatorHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await OperatorHarness.StartAsync();
        await _h.CreateNamespaceAsync(Ns);
        await _h.CreateAsync(TestModels.Compliant(Ns, "target"));
        await _h.WaitForPhaseAsync(Ns, "target", Phases.Compliant);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Foreign_network_policy_selecting_the_pods_is_a_finding_until_removed()
    {
        await _h.Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "allow-all" },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), Ingress = [new V1NetworkPolicyIngressRule()] },
        }, Ns);

        var widened = await _h.WaitForModelAsync(Ns, "target", m => m.Status?.Findings?.Any(f => f.Control == "AIG-NET-03") == true, "an AIG-NET-03 finding");
        Assert.Equal(Phases.NonCompliant, widened.Status!.Phase); // medium: reported, not blocking

        await _h.Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("allow-all", Ns);
        await _h.WaitForPhaseAsync(Ns, "target", Phases.Compliant);
    }

    [Fact]
    public async Task Foreign_cluster_role_binding_to_the_models_service_account_blocks_it()
    {
        await _h.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "target-admin" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "cluster-admin" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "target", NamespaceProperty = Ns }],
        });

        var blocked = await _h.WaitForPhaseAsync(Ns, "target", Phases.Blocked);
        Assert.Contains(blocked.Status!.Findings!, f => f.Control == "AIG-RBAC-03" && f.Message.Contains("target-admin", StringComparison.Ordinal));

        await _h.Client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync("target-admin");
        await _h.WaitForPhaseAsync(Ns, "target", Phases.Compliant);
    }

    [Fact]
    public async Task Foreign_role_binding_to_the_models_service_account_blocks_it()
    {
        await _h.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "sneaky" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "edit" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "target" }],
        }, Ns);

        var blocked = await _h.WaitForPhaseAsync(Ns, "target", Phases.Blocked);
        Assert.Contains(blocked.Status!.Findings!, f => f.Control == "AIG-RBAC-03");
    }

    [Fact]
    public async Task Role_binding_in_another_namespace_to_the_models_service_account_blocks_it_until_removed()
    {
        await _h.CreateNamespaceAsync("payments");
        await _h.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "grant-from-payments" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "edit" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "target", NamespaceProperty = Ns }],
        }, "payments");

        var blocked = await _h.WaitForPhaseAsync(Ns, "target", Phases.Blocked);
        Assert.Contains(blocked.Status!.Findings!, f => f.Control == "AIG-RBAC-03" && f.Message.Contains("in namespace payments", StringComparison.Ordinal));

        await _h.Client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync("grant-from-payments", "payments");
        await _h.WaitForPhaseAsync(Ns, "target", Phases.Compliant);
    }
}
