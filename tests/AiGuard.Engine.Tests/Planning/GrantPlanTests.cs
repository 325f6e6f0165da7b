using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Planning;
using AiGuard.Engine.Tests.Samples;
using k8s.Models;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests.Planning;

/// <summary>
/// Grants are never given on trust (controls.md, "Grants"): the planner's Roles, RoleBindings and decrypted Secrets
/// follow the verdict of the controls that guard them, planned from real evaluations, in Enforce and in Audit.
/// </summary>
public sealed class GrantPlanTests
{
    private const string Uid = "9d1e0f3a-0000-4000-8000-00000000abcd";
    private static readonly string Operator = Name + "-operator";
    private static readonly string Viewer = Name + "-viewer";

    [Fact]
    public void A_model_blocked_by_another_control_keeps_its_grants_while_rbac_02_and_04_are_clear()
    {
        var model = People(Scenario.Model().ApiRules(Rule("configmaps", "get"))).SecurityContext(new SecurityContextSpec { Privileged = true });

        var (assessment, state) = Plan(model);

        Assert.True(assessment.Blocked);
        Assert.Equal([Name, Operator, Viewer], state.RoleBindings.Select(b => b.Metadata.Name));
        Assert.Equal([Name, Operator, Viewer], state.Roles.Select(r => r.Metadata.Name));
    }

    [Theory]
    [InlineData(EnforcementModes.Enforce)]
    [InlineData(EnforcementModes.Audit)]
    public void A_dangerous_api_rule_gets_no_role_or_binding_in_either_mode(string mode)
    {
        var model = People(Scenario.Model().ApiRules(Rule("secrets", "list,watch"))).Enforcement(mode);

        var (assessment, state) = Plan(model);

        Assert.Equal(mode, assessment.Enforcement);
        Assert.DoesNotContain(state.Roles, r => r.Metadata.Name == Name);
        Assert.DoesNotContain(state.RoleBindings, b => b.Metadata.Name == Name);
        Assert.DoesNotContain(state.Roles.SelectMany(r => r.Rules), r => r.Resources?.Contains("secrets") == true);
        Assert.Equal([Operator, Viewer], state.RoleBindings.Select(b => b.Metadata.Name));
    }

    [Fact]
    public void A_waived_rbac_02_finding_gets_its_grant()
    {
        var model = Scenario.Model().ApiRules(Rule("pods", "create"));

        var (_, state) = Plan(model, exceptions: [Scenario.Exception("reviewed-grant", ControlIds.ApiRuleScope)]);

        var role = Assert.Single(state.Roles);
        Assert.Equal(Name, role.Metadata.Name);
        Assert.Equal(["pods"], Assert.Single(role.Rules).Resources);
    }

    [Fact]
    public void An_exception_for_a_non_waivable_rbac_02_grants_nothing()
    {
        var model = Scenario.Model().ApiRules(Rule("pods", "create"));

        var (_, state) = Plan(
            model,
            policies: [Scenario.Policy("baseline").NonWaivable(ControlIds.ApiRuleScope)],
            exceptions: [Scenario.Exception("self-waiver", ControlIds.ApiRuleScope)]);

        Assert.Empty(state.Roles);
        Assert.Empty(state.RoleBindings);
    }

    [Fact]
    public void A_quarantined_model_loses_its_api_grant_but_not_its_people()
    {
        var model = People(Scenario.Model().ApiRules(Rule("configmaps", "get"))).Quarantine("INC-4711");

        var (assessment, state) = Plan(model);

        Assert.True(assessment.Quarantined);
        Assert.Equal([Operator, Viewer], state.RoleBindings.Select(b => b.Metadata.Name));
    }

    [Theory]
    [InlineData(EnforcementModes.Enforce)]
    [InlineData(EnforcementModes.Audit)]
    public void A_broad_operator_or_viewer_gets_no_people_binding_in_either_mode(string mode)
    {
        var model = Scenario.Model().ApiRules(Rule("configmaps", "get")).Enforcement(mode).With(s =>
        {
            s.Access!.Operators = [new AccessSubject { Kind = "Group", Name = "ml-oncall" }];
            s.Access.Viewers = [new AccessSubject { Kind = "Group", Name = "system:authenticated" }];
        });

        var (_, state) = Plan(model);

        Assert.Equal([Name], state.RoleBindings.Select(b => b.Metadata.Name));
        Assert.DoesNotContain(state.RoleBindings.SelectMany(b => b.Subjects), s => s.Name.StartsWith("system:", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_spec_grants_nothing()
    {
        var model = People(Scenario.Model().ApiRules(Rule("configmaps", "get"))).With(s => s.Serving.Image = "");

        var (assessment, state) = Plan(model);

        Assert.NotEmpty(assessment.SpecErrors);
        Assert.Empty(state.RoleBindings);
    }

    [Fact]
    public void A_model_that_may_roll_out_gets_its_decrypted_secrets()
    {
        var (_, state) = PlanWithSealed(Scenario.Model());

        Assert.False(state.RolloutBlocked);
        Assert.Single(state.Secrets);
    }

    [Theory]
    [InlineData(EnforcementModes.Enforce)]
    [InlineData(EnforcementModes.Audit)]
    public void A_blocked_model_without_a_running_deployment_gets_no_decrypted_secret(string mode)
    {
        var blocked = Scenario.Model().SecurityContext(new SecurityContextSpec { Privileged = true }).Enforcement(mode);

        var (assessment, state) = PlanWithSealed(blocked);

        Assert.Equal(mode == EnforcementModes.Enforce, state.RolloutBlocked);
        Assert.Equal(mode == EnforcementModes.Enforce ? 0 : 1, state.Secrets.Count);
        Assert.Equal(["hf-token"], state.Deployment.Spec.Template.Spec.Volumes.Where(v => v.Secret is not null).Select(v => v.Name.Replace("secret-", "", StringComparison.Ordinal)));
        Assert.False(assessment.Compliant);
    }

    [Fact]
    public void A_blocked_model_keeps_the_secrets_its_running_deployment_mounts()
    {
        var (_, compliant) = PlanWithSealed(Scenario.Model());
        var blocked = Scenario.Model().SecurityContext(new SecurityContextSpec { Privileged = true });

        var (_, state) = PlanWithSealed(blocked, running: compliant.Deployment);

        Assert.True(state.RolloutBlocked);
        Assert.Equal(compliant.Secrets.Select(s => s.Metadata.Name), state.Secrets.Select(s => s.Metadata.Name));
    }

    [Fact]
    public void A_deployment_the_model_does_not_control_unlocks_no_secret()
    {
        var (_, compliant) = PlanWithSealed(Scenario.Model());
        var impostor = compliant.Deployment;
        impostor.Metadata.OwnerReferences[0].Uid = "00000000-0000-4000-8000-000000000000";
        var blocked = Scenario.Model().SecurityContext(new SecurityContextSpec { Privileged = true });

        var (_, state) = PlanWithSealed(blocked, running: impostor);

        Assert.Empty(state.Secrets);
    }

    [Fact]
    public void Mounted_secrets_reads_volumes_env_and_env_from_of_a_controlled_deployment_only()
    {
        var model = Scenario.Model().Build();
        model.Metadata.Uid = Uid;
        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace },
            Spec = new V1DeploymentSpec
            {
                Template = new V1PodTemplateSpec
                {
                    Spec = new V1PodSpec
                    {
                        Volumes = [new V1Volume { Name = "a", Secret = new V1SecretVolumeSource { SecretName = "from-volume" } }],
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "c",
                                EnvFrom = [new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = "from-env-from" } }],
                                Env = [new V1EnvVar { Name = "X", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "from-env", Key = "k" } } }],
                            },
                        ],
                    },
                },
            },
        }.ControlledBy(Name, Uid);

        Assert.Equal(["from-env", "from-env-from", "from-volume"], MountedSecrets.Of(deployment, model).Order(StringComparer.Ordinal));
        deployment.Metadata.Name = "other";
        Assert.Empty(MountedSecrets.Of(deployment, model));
    }

    private static ModelDeploymentBuilder People(ModelDeploymentBuilder model) => model.With(s =>
    {
        s.Access ??= new AccessSpec();
        s.Access.Operators = [new AccessSubject { Kind = "Group", Name = "ml-oncall" }];
        s.Access.Viewers = [new AccessSubject { Kind = "Group", Name = "analysts" }];
    });

    private static (Assessment Assessment, DesiredState State) Plan(
        ModelDeploymentBuilder builder,
        GuardPolicy[]? policies = null,
        Api.Exceptions.GuardException[]? exceptions = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>>? opened = null,
        V1Deployment? running = null)
    {
        var model = builder.Build();
        model.Metadata.Uid = Uid;
        var assessment = Scenario.Evaluate(model, policies, exceptions);
        return (assessment, Planner.Plan(model, assessment, opened ?? PlanningFixtures.NoSecrets, running));
    }

    private static (Assessment Assessment, DesiredState State) PlanWithSealed(ModelDeploymentBuilder builder, V1Deployment? running = null) =>
        Plan(builder.SealedSecret("hf-token", ("token", "AGS1.sealed")), opened: PlanningFixtures.Opened("hf-token", ("token", "hf_plaintext")), running: running);
}
