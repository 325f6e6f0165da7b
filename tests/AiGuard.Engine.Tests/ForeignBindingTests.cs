using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using k8s.Models;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests;

/// <summary>AIG-RBAC-03 (controls.md): only bindings a ModelDeployment controls may grant the model's ServiceAccount.</summary>
public sealed class ForeignBindingTests
{
    [Fact]
    public void Foreign_binding_is_skipped_offline()
    {
        Scenario.Evaluate(Scenario.Model()).AssertSkipped(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Foreign_role_binding_to_the_models_service_account_fails()
    {
        var binding = RoleBinding("extra", ServiceAccount(Name));

        var finding = Assert.Single(Evaluate(roleBindings: [binding]).AssertFails(ControlIds.ForeignBinding));

        Assert.Contains("RoleBinding extra", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_binding_in_another_namespace_to_the_models_service_account_fails()
    {
        var binding = RoleBinding("grant-from-elsewhere", ServiceAccount(Name, Namespace), "payments");

        var finding = Assert.Single(Evaluate(roleBindings: [binding]).AssertFails(ControlIds.ForeignBinding));

        Assert.Contains("in namespace payments", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_binding_in_another_namespace_to_its_own_service_account_of_that_name_passes()
    {
        var binding = RoleBinding("same-name-elsewhere", ServiceAccount(Name), "payments");

        Evaluate(roleBindings: [binding]).AssertPasses(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Foreign_cluster_role_binding_to_the_models_service_account_fails()
    {
        Evaluate(clusterRoleBindings: [ClusterRoleBinding("cluster-admin-for-model", ServiceAccount(Name, Namespace))])
            .AssertFails(ControlIds.ForeignBinding);
    }

    [Theory]
    [InlineData("system:serviceaccounts")]
    [InlineData("system:serviceaccounts:" + Namespace)]
    [InlineData("system:authenticated")]
    [InlineData("system:unauthenticated")]
    public void Group_that_holds_the_models_service_account_fails_in_any_binding(string group)
    {
        var subject = new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = group };

        Assert.Contains(group, Evaluate(roleBindings: [RoleBinding("to-group", subject)]).AssertFails(ControlIds.ForeignBinding)[0].Message, StringComparison.Ordinal);
        Evaluate(roleBindings: [RoleBinding("to-group-elsewhere", subject, "payments")]).AssertFails(ControlIds.ForeignBinding);
        Evaluate(clusterRoleBindings: [ClusterRoleBinding("cluster-admin-to-group", subject)]).AssertFails(ControlIds.ForeignBinding);
    }

    [Fact]
    public void User_named_like_the_models_service_account_fails()
    {
        var subject = new Rbacv1Subject { Kind = "User", Name = $"system:serviceaccount:{Namespace}:{Name}" };

        Evaluate(clusterRoleBindings: [ClusterRoleBinding("as-user", subject)]).AssertFails(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Managed_by_label_does_not_hide_a_cluster_admin_binding()
    {
        var binding = ClusterRoleBinding("cluster-admin-for-model", ServiceAccount(Name, Namespace)).LabelledManaged();

        Evaluate(clusterRoleBindings: [binding]).AssertFails(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Managed_by_label_does_not_hide_a_role_binding()
    {
        Evaluate(roleBindings: [RoleBinding(Name, ServiceAccount(Name)).LabelledManaged()]).AssertFails(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Cluster_role_binding_with_an_owner_reference_to_the_model_still_fails()
    {
        // Cluster-scoped objects cannot have namespaced owners; the operator never creates one.
        var binding = ClusterRoleBinding("cluster-admin-for-model", ServiceAccount(Name, Namespace)).ControlledBy();

        Evaluate(clusterRoleBindings: [binding]).AssertFails(ControlIds.ForeignBinding);
    }

    [Theory]
    [InlineData("-operator")]
    [InlineData("-viewer")]
    public void Operator_and_viewer_bindings_controlled_by_the_model_pass(string suffix)
    {
        Evaluate(roleBindings: [RoleBinding(Name + suffix, ServiceAccount(Name)).ControlledBy()]).AssertPasses(ControlIds.ForeignBinding);
    }

    [Fact]
    public void A_copied_owner_reference_does_not_hide_a_binding_the_planner_would_not_name_so()
    {
        // The real uid of the existing model, copied onto a user's own binding of the model's ServiceAccount.
        Evaluate(roleBindings: [RoleBinding("extra-rights", ServiceAccount(Name)).ControlledBy()]).AssertFails(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Role_binding_controlled_by_an_existing_model_deployment_passes()
    {
        Evaluate(roleBindings: [RoleBinding(Name, ServiceAccount(Name)).ControlledBy()]).AssertPasses(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Role_binding_owned_by_a_model_deployment_that_no_longer_exists_fails()
    {
        var binding = RoleBinding(Name, ServiceAccount(Name)).ControlledBy();

        Evaluate(roleBindings: [binding], modelDeployments: []).AssertFails(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Role_binding_elsewhere_owned_by_a_model_deployment_of_the_models_namespace_fails()
    {
        // The owner must exist in the binding's own namespace; a uid of this namespace proves nothing in payments.
        var binding = RoleBinding("grant-from-elsewhere", ServiceAccount(Name, Namespace), "payments").ControlledBy();

        Evaluate(roleBindings: [binding]).AssertFails(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Bindings_for_other_identities_pass()
    {
        var otherNamespace = ClusterRoleBinding("same-name-elsewhere", ServiceAccount(Name, "other"));
        var user = RoleBinding("user", new Rbacv1Subject { Kind = "User", Name = Name });
        var otherGroup = RoleBinding("other-group", new Rbacv1Subject { Kind = "Group", Name = "system:serviceaccounts:other" });

        Evaluate(roleBindings: [user, otherGroup], clusterRoleBindings: [otherNamespace]).AssertPasses(ControlIds.ForeignBinding);
    }

    [Theory]
    [InlineData("system:basic-user", "system:authenticated")]
    [InlineData("system:discovery", "system:authenticated")]
    [InlineData("system:public-info-viewer", "system:unauthenticated")]
    [InlineData("system:service-account-issuer-discovery", "system:serviceaccounts")]
    public void Kubernetes_default_bindings_of_public_cluster_roles_pass(string clusterRole, string group)
    {
        var binding = ClusterRoleBinding(clusterRole, new Rbacv1Subject { Kind = "Group", Name = group });
        binding.RoleRef.Name = clusterRole;

        Evaluate(clusterRoleBindings: [binding]).AssertPasses(ControlIds.ForeignBinding);
    }

    [Fact]
    public void A_binding_named_like_a_default_but_granting_another_role_fails()
    {
        var everyone = new Rbacv1Subject { Kind = "Group", Name = "system:authenticated" };
        var disguised = ClusterRoleBinding("system:discovery", everyone);
        var namespacedRole = RoleBinding("system:discovery", everyone);
        namespacedRole.RoleRef.Name = "system:discovery";

        Evaluate(clusterRoleBindings: [disguised]).AssertFails(ControlIds.ForeignBinding);
        Evaluate(roleBindings: [namespacedRole]).AssertFails(ControlIds.ForeignBinding);
    }

    private static Assessment Evaluate(
        IReadOnlyList<V1RoleBinding>? roleBindings = null,
        IReadOnlyList<V1ClusterRoleBinding>? clusterRoleBindings = null,
        IReadOnlyList<ModelDeploymentIdentity>? modelDeployments = null) =>
        Scenario.Evaluate(Scenario.Model().Build(), cluster: Owners.Cluster(roleBindings: roleBindings, clusterRoleBindings: clusterRoleBindings, modelDeployments: modelDeployments));

    private static Rbacv1Subject ServiceAccount(string name, string? @namespace = null) =>
        new() { Kind = "ServiceAccount", Name = name, NamespaceProperty = @namespace };

    private static V1RoleBinding RoleBinding(string name, Rbacv1Subject subject, string @namespace = Namespace) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "reader" },
        Subjects = [subject],
    };

    private static V1ClusterRoleBinding ClusterRoleBinding(string name, Rbacv1Subject subject) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "cluster-admin" },
        Subjects = [subject],
    };
}
