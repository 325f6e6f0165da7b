using AiGuard.Api.ModelDeployments;
using k8s.Models;
using static AiGuard.Engine.Tests.Planning.PlanningFixtures;

namespace AiGuard.Engine.Tests.Planning;

public sealed class RbacPlanTests
{
    private const string RbacGroup = "rbac.authorization.k8s.io";

    private static V1PolicyRule ConfigMapRule() =>
        new() { ApiGroups = [""], Resources = ["configmaps"], ResourceNames = ["fraud-thresholds"], Verbs = ["get"] };

    [Fact]
    public void Minimal_model_gets_no_roles_or_bindings()
    {
        var state = Plan(Minimal());

        Assert.Empty(state.Roles);
        Assert.Empty(state.RoleBindings);
    }

    [Fact]
    public void Api_rules_become_a_role_bound_to_the_model_service_account()
    {
        var model = Minimal();
        model.Spec.Access = new AccessSpec { ApiRules = [ConfigMapRule()] };

        var state = Plan(model);

        var role = Assert.Single(state.Roles);
        Assert.Equal((RbacGroup + "/v1", "Role", Name), (role.ApiVersion, role.Kind, role.Metadata.Name));
        var rule = Assert.Single(role.Rules);
        Assert.Equal([""], rule.ApiGroups);
        Assert.Equal(["configmaps"], rule.Resources);
        Assert.Equal(["fraud-thresholds"], rule.ResourceNames);
        Assert.Equal(["get"], rule.Verbs);

        var binding = Assert.Single(state.RoleBindings);
        Assert.Equal((RbacGroup + "/v1", "RoleBinding", Name), (binding.ApiVersion, binding.Kind, binding.Metadata.Name));
        Assert.Equal((RbacGroup, "Role", Name), (binding.RoleRef.ApiGroup, binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", Name, Namespace), (subject.Kind, subject.Name, subject.NamespaceProperty));
        Assert.Null(subject.ApiGroup);
    }

    [Fact]
    public void Quarantine_drops_the_model_own_api_binding_but_keeps_operators()
    {
        var model = Minimal();
        model.Spec.Access = new AccessSpec { ApiRules = [ConfigMapRule()], Operators = [new AccessSubject { Kind = "Group", Name = "ml-oncall" }] };

        var state = Plan(model, Quarantined());

        Assert.Equal([Name + "-operator"], state.Roles.Select(r => r.Metadata.Name));
        Assert.Equal([Name + "-operator"], state.RoleBindings.Select(r => r.Metadata.Name));
    }

    [Fact]
    public void Operators_may_change_only_this_model_and_read_pods_and_logs()
    {
        var model = Minimal();
        model.Spec.Access = new AccessSpec
        {
            Operators =
            [
                new AccessSubject { Kind = "Group", Name = "ml-oncall" },
                new AccessSubject { Kind = "User", Name = "bob@example.com" },
                new AccessSubject { Kind = "ServiceAccount", Name = "ci-deployer", Namespace = "ci" },
                new AccessSubject { Kind = "ServiceAccount", Name = "runbook" },
            ],
        };

        var state = Plan(model);

        var role = Assert.Single(state.Roles);
        Assert.Equal(Name + "-operator", role.Metadata.Name);
        Assert.Collection(role.Rules,
            md =>
            {
                Assert.Equal(["aiguard.io"], md.ApiGroups);
                Assert.Equal(["modeldeployments"], md.Resources);
                Assert.Equal([Name], md.ResourceNames);
                Assert.Equal(["get", "update", "patch"], md.Verbs);
            },
            pods =>
            {
                // Generated pod names cannot be listed in resourceNames, and list/watch ignore them anyway.
                Assert.Equal([""], pods.ApiGroups);
                Assert.Equal(["pods"], pods.Resources);
                Assert.Equal(["get", "list", "watch"], pods.Verbs);
                Assert.Null(pods.ResourceNames);
            },
            logs =>
            {
                Assert.Equal([""], logs.ApiGroups);
                Assert.Equal(["pods/log"], logs.Resources);
                Assert.Equal(["get"], logs.Verbs);
            });
        Assert.DoesNotContain(role.Rules, r => r.Verbs.Contains("create") || r.Verbs.Contains("delete") || r.Resources.Contains("secrets"));

        var binding = Assert.Single(state.RoleBindings);
        Assert.Equal((Name + "-operator", "Role", Name + "-operator"), (binding.Metadata.Name, binding.RoleRef.Kind, binding.RoleRef.Name));
        Assert.Collection(binding.Subjects,
            s => Assert.Equal(("Group", "ml-oncall", RbacGroup, (string?)null), (s.Kind, s.Name, s.ApiGroup, s.NamespaceProperty)),
            s => Assert.Equal(("User", "bob@example.com", RbacGroup, (string?)null), (s.Kind, s.Name, s.ApiGroup, s.NamespaceProperty)),
            s => Assert.Equal(("ServiceAccount", "ci-deployer", (string?)null, "ci"), (s.Kind, s.Name, s.ApiGroup, s.NamespaceProperty)),
            s => Assert.Equal(("ServiceAccount", "runbook", (string?)null, Namespace), (s.Kind, s.Name, s.ApiGroup, s.NamespaceProperty)));
    }

    [Fact]
    public void Viewers_may_read_only_this_model_by_name()
    {
        var model = Minimal();
        model.Spec.Access = new AccessSpec { Viewers = [new AccessSubject { Kind = "Group", Name = "analysts" }] };

        var state = Plan(model);

        var role = Assert.Single(state.Roles);
        Assert.Equal(Name + "-viewer", role.Metadata.Name);
        var rule = Assert.Single(role.Rules);
        Assert.Equal(["aiguard.io"], rule.ApiGroups);
        Assert.Equal(["modeldeployments"], rule.Resources);
        Assert.Equal(["get", "list", "watch"], rule.Verbs);
        Assert.Equal([Name], rule.ResourceNames);

        var binding = Assert.Single(state.RoleBindings);
        Assert.Equal(Name + "-viewer", binding.RoleRef.Name);
        Assert.Equal(("Group", "analysts", RbacGroup), (binding.Subjects[0].Kind, binding.Subjects[0].Name, binding.Subjects[0].ApiGroup));
    }

    [Fact]
    public void All_three_role_pairs_come_in_a_fixed_order()
    {
        var model = Minimal();
        model.Spec.Access = new AccessSpec
        {
            ApiRules = [ConfigMapRule()],
            Viewers = [new AccessSubject { Kind = "Group", Name = "analysts" }],
            Operators = [new AccessSubject { Kind = "Group", Name = "ml-oncall" }],
        };

        var state = Plan(model);

        string[] expected = [Name, Name + "-operator", Name + "-viewer"];
        Assert.Equal(expected, state.Roles.Select(r => r.Metadata.Name));
        Assert.Equal(expected, state.RoleBindings.Select(r => r.Metadata.Name));
        Assert.Equal(expected, state.RoleBindings.Select(r => r.RoleRef.Name));
    }

    [Fact]
    public void Api_rules_are_copied_so_the_spec_is_never_aliased()
    {
        var model = Minimal();
        var rule = ConfigMapRule();
        model.Spec.Access = new AccessSpec { ApiRules = [rule] };

        Plan(model).Roles[0].Rules[0].Verbs.Add("delete");

        Assert.Equal(["get"], rule.Verbs);
    }
}
