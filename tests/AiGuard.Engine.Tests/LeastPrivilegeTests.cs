using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using k8s.Models;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests;

public sealed class LeastPrivilegeTests
{
    [Fact]
    public void Token_mounted_with_api_rules_passes()
    {
        var model = Scenario.Model().ApiRules(Rule("configmaps", "get")).With(s => s.Access!.AutomountServiceAccountToken = true);

        Scenario.Evaluate(model).AssertPasses(ControlIds.UnneededToken);
    }

    [Fact]
    public void Token_mounted_without_api_rules_fails()
    {
        var model = Scenario.Model().With(s => s.Access = new AccessSpec { AutomountServiceAccountToken = true });

        Scenario.Evaluate(model).AssertFails(ControlIds.UnneededToken);
    }

    [Fact]
    public void Foreign_binding_is_skipped_offline()
    {
        Scenario.Evaluate(Scenario.Model()).AssertSkipped(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Foreign_role_binding_to_the_models_service_account_fails()
    {
        var binding = RoleBinding("extra", new Rbacv1Subject { Kind = "ServiceAccount", Name = Name });

        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model().Build(), cluster: new ClusterObservations([], [binding], []))
            .AssertFails(ControlIds.ForeignBinding));

        Assert.Contains("RoleBinding extra", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_binding_in_another_namespace_to_the_models_service_account_fails()
    {
        var binding = RoleBinding("grant-from-elsewhere", new Rbacv1Subject { Kind = "ServiceAccount", Name = Name, NamespaceProperty = Namespace });
        binding.Metadata.NamespaceProperty = "payments";

        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model().Build(), cluster: new ClusterObservations([], [binding], []))
            .AssertFails(ControlIds.ForeignBinding));

        Assert.Contains("in namespace payments", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Role_binding_in_another_namespace_to_its_own_service_account_of_that_name_passes()
    {
        var binding = RoleBinding("same-name-elsewhere", new Rbacv1Subject { Kind = "ServiceAccount", Name = Name });
        binding.Metadata.NamespaceProperty = "payments";

        Scenario.Evaluate(Scenario.Model().Build(), cluster: new ClusterObservations([], [binding], [])).AssertPasses(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Foreign_cluster_role_binding_to_the_models_service_account_fails()
    {
        var binding = new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "cluster-admin-for-model" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "cluster-admin" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = Name, NamespaceProperty = Namespace }],
        };

        Scenario.Evaluate(Scenario.Model().Build(), cluster: new ClusterObservations([], [], [binding])).AssertFails(ControlIds.ForeignBinding);
    }

    [Fact]
    public void Bindings_for_other_identities_or_managed_by_the_operator_pass()
    {
        var otherNamespace = new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "same-name-elsewhere" },
            RoleRef = new V1RoleRef { Kind = "ClusterRole", Name = "view" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = Name, NamespaceProperty = "other" }],
        };
        var user = RoleBinding("user", new Rbacv1Subject { Kind = "User", Name = Name });
        var managed = RoleBinding("ours", new Rbacv1Subject { Kind = "ServiceAccount", Name = Name });
        managed.Metadata.Labels = new Dictionary<string, string> { [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue };

        Scenario.Evaluate(Scenario.Model().Build(), cluster: new ClusterObservations([], [user, managed], [otherNamespace]))
            .AssertPasses(ControlIds.ForeignBinding);
    }

    private static V1RoleBinding RoleBinding(string name, Rbacv1Subject subject) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "reader" },
        Subjects = [subject],
    };
}
