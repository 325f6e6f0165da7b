using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// A foreign NetworkPolicy or binding re-evaluates the models it touches through its watch event, however it is
/// labelled and whichever way its subjects reach the model's ServiceAccount (AIG-NET-03, AIG-RBAC-03). The operator
/// has no periodic resync, and the only timed requeue of a Compliant model (NameConflictRecheck) is set to an hour
/// here, so only the event can explain the finding.
/// </summary>
public sealed class ForeignObjectEventsTests : IAsyncLifetime
{
    private const string Ns = "ml-events";
    private const string Elsewhere = "payments";
    private OperatorHarness _h = null!;

    /// <summary>Labels an attacker copies from the operator's children: they must buy the object nothing.</summary>
    private static Dictionary<string, string> ManagedLookalike => new()
    {
        [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue,
        [ApiGroup.ModelDeploymentLabel] = "ghost",
    };

    public async Task InitializeAsync()
    {
        _h = await OperatorHarness.StartAsync(options: new OperatorCoreOptions { NameConflictRecheck = TimeSpan.FromHours(1) });
        await _h.CreateNamespaceAsync(Ns);
        await _h.CreateNamespaceAsync(Elsewhere);
        await _h.CreateAsync(TestModels.Compliant(Ns, "target"));
        await _h.WaitForPhaseAsync(Ns, "target", Phases.Compliant);
        await Quiescence.WaitAsync(_h.Core);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Foreign_network_policy_with_the_managed_by_label_is_a_finding_at_once()
    {
        await _h.Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "looks-managed", Labels = ManagedLookalike },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), Ingress = [new V1NetworkPolicyIngressRule()] },
        }, Ns);

        await WaitForFindingAsync("AIG-NET-03", "looks-managed");
    }

    [Fact]
    public async Task Foreign_role_binding_with_the_managed_by_label_blocks_the_model_at_once()
    {
        await _h.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "looks-managed", Labels = ManagedLookalike },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "edit" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "target" }],
        }, Ns);

        await WaitForFindingAsync("AIG-RBAC-03", "looks-managed", Phases.Blocked);
    }

    [Fact]
    public async Task Foreign_cluster_role_binding_with_the_managed_by_label_blocks_the_model_at_once()
    {
        await CreateClusterRoleBindingAsync("looks-managed", new Rbacv1Subject { Kind = "ServiceAccount", Name = "target", NamespaceProperty = Ns }, ManagedLookalike);

        await WaitForFindingAsync("AIG-RBAC-03", "looks-managed", Phases.Blocked);
    }

    [Theory]
    [InlineData("system:serviceaccounts")]
    [InlineData("system:serviceaccounts:" + Ns)]
    [InlineData("system:authenticated")]
    [InlineData("system:unauthenticated")]
    public async Task Cluster_role_binding_to_a_group_the_service_account_is_in_blocks_the_model_at_once(string group)
    {
        await CreateClusterRoleBindingAsync("group-grant", new Rbacv1Subject { Kind = "Group", Name = group, ApiGroup = "rbac.authorization.k8s.io" });

        var blocked = await WaitForFindingAsync("AIG-RBAC-03", "group-grant", Phases.Blocked);
        Assert.Contains(blocked.Status!.Findings!, f => f.Control == "AIG-RBAC-03" && f.Message.Contains(group, StringComparison.Ordinal));

        await _h.Client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync("group-grant");
        await _h.WaitForPhaseAsync(Ns, "target", Phases.Compliant);
    }

    [Theory]
    [InlineData("Group", "system:serviceaccounts")]
    [InlineData("Group", "system:serviceaccounts:" + Ns)]
    [InlineData("Group", "system:authenticated")]
    [InlineData("User", "system:serviceaccount:" + Ns + ":target")]
    public async Task Role_binding_in_another_namespace_reaching_the_service_account_blocks_the_model_until_removed(string kind, string name)
    {
        await _h.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "reach-from-payments" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "edit" },
            Subjects = [new Rbacv1Subject { Kind = kind, Name = name, ApiGroup = "rbac.authorization.k8s.io" }],
        }, Elsewhere);

        var blocked = await WaitForFindingAsync("AIG-RBAC-03", "reach-from-payments", Phases.Blocked);
        Assert.Contains(blocked.Status!.Findings!, f => f.Control == "AIG-RBAC-03" && f.Message.Contains("in namespace " + Elsewhere, StringComparison.Ordinal));

        await _h.Client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync("reach-from-payments", Elsewhere);
        await _h.WaitForPhaseAsync(Ns, "target", Phases.Compliant);
    }

    [Fact]
    public async Task Role_binding_elsewhere_reaches_the_engine_only_for_models_whose_service_account_it_names()
    {
        await _h.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "other-team" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "edit" },
            Subjects = [new Rbacv1Subject { Kind = "Group", Name = "system:serviceaccounts:research", ApiGroup = "rbac.authorization.k8s.io" }],
        }, Elsewhere);
        await Eventually.TrueAsync(() => Task.FromResult(_h.Core.Caches.RoleBindings.Get(Elsewhere, "other-team") is not null), "the binding in the cache");
        var inputs = new EvaluationInputSource(_h.Core.Caches, sealing: null);
        var target = _h.Core.Caches.ModelDeployments.Get(Ns, "target")!;
        var researcher = TestModels.Compliant("research", "researcher");

        Assert.DoesNotContain(inputs.For(target, DateTimeOffset.UtcNow).Cluster!.RoleBindings, b => b.Metadata.Name == "other-team");
        Assert.Contains(inputs.For(researcher, DateTimeOffset.UtcNow).Cluster!.RoleBindings, b => b.Metadata.Name == "other-team");
    }

    private async Task CreateClusterRoleBindingAsync(string name, Rbacv1Subject subject, Dictionary<string, string>? labels = null) =>
        await _h.Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "edit" },
            Subjects = [subject],
        });

    private Task<ModelDeployment> WaitForFindingAsync(string control, string objectName, string? phase = null) =>
        _h.WaitForModelAsync(Ns, "target", m =>
            m.Status?.Findings?.Any(f => f.Control == control && f.Message.Contains(objectName, StringComparison.Ordinal)) == true
            && (phase is null || m.Status.Phase == phase),
            $"an {control} finding naming {objectName}");
}
