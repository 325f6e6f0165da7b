using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;

namespace AiGuard.Engine.Tests;

public sealed class StrictestPolicyWinsTests
{
    [Fact]
    public void Public_egress_stays_forbidden_when_one_of_two_policies_forbids_it()
    {
        var finding = Assert.Single(Scenario.Evaluate(
                Scenario.Model().EgressTo("8.8.8.8/32"),
                Scenario.Policy("open").PublicEgress(true),
                Scenario.Policy("closed").PublicEgress(false))
            .AssertFails(ControlIds.EgressReach));

        Assert.Equal("closed", finding.Policy);
    }

    [Fact]
    public void Public_egress_is_allowed_when_both_policies_allow_it()
    {
        Scenario.Evaluate(Scenario.Model().EgressTo("8.8.8.8/32"), Scenario.Policy("a").PublicEgress(true), Scenario.Policy("b").PublicEgress(true))
            .AssertPasses(ControlIds.EgressReach);
    }

    [Fact]
    public void A_control_disabled_by_every_applicable_policy_is_skipped()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().ExistingSecret("db", SecretExposure.Env), Scenario.Policy("a").Control("AIG-SEC-02", disabled: true));

        assessment.AssertSkipped(ControlIds.SecretInEnv);
    }

    [Fact]
    public void A_control_disabled_by_one_policy_stays_evaluated_when_another_keeps_it()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model().ExistingSecret("db", SecretExposure.Env),
            Scenario.Policy("a").Control("AIG-SEC-02", disabled: true),
            Scenario.Policy("b"));

        assessment.AssertFails(ControlIds.SecretInEnv);
    }

    [Fact]
    public void A_policy_that_disables_a_control_does_not_constrain_it_with_its_own_lists()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model(),
            Scenario.Policy("a").Control("AIG-IMG-01", disabled: true).AllowedRegistries("quay.io"),
            Scenario.Policy("b").AllowedRegistries("ghcr.io/acme"));

        assessment.AssertPasses(ControlIds.ImageRegistry);
    }

    [Fact]
    public void The_highest_severity_override_wins()
    {
        var model = Scenario.Model().ExistingSecret("db", SecretExposure.Env);

        var raised = Scenario.Evaluate(model, Scenario.Policy("a").Control("AIG-SEC-02", Severities.Low), Scenario.Policy("b").Control("AIG-SEC-02", Severities.Critical));
        var lowered = Scenario.Evaluate(model, Scenario.Policy("a").Control("AIG-SEC-02", Severities.Low));
        var loweredByOne = Scenario.Evaluate(model, Scenario.Policy("a").Control("AIG-SEC-02", Severities.Low), Scenario.Policy("b"));

        Assert.Equal(Severities.Critical, raised.AssertFails(ControlIds.SecretInEnv).Single().Severity);
        Assert.Equal(Severities.Low, lowered.AssertFails(ControlIds.SecretInEnv).Single().Severity);
        Assert.Equal(Severities.Medium, loweredByOne.AssertFails(ControlIds.SecretInEnv).Single().Severity);
        Assert.Equal(Severities.Critical, raised.ResultOf(ControlIds.SecretInEnv)!.Severity);
    }

    [Fact]
    public void Block_threshold_is_the_lowest_of_the_enforce_policies()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model(),
            Scenario.Policy("a").Enforce(Severities.Critical),
            Scenario.Policy("b").Enforce(Severities.Medium),
            Scenario.Policy("audit-only").With(s => s.BlockAt = Severities.Low));

        Assert.Equal(Severities.Medium, assessment.BlockAt);
    }

    [Fact]
    public void Block_threshold_defaults_to_high()
    {
        Assert.Equal(Severities.High, Scenario.Evaluate(Scenario.Model()).BlockAt);
        Assert.Equal(Severities.High, Scenario.Evaluate(Scenario.Model(), Scenario.Policy("a").Enforce()).BlockAt);
        Assert.Equal(Severities.Critical, Scenario.Evaluate(Scenario.Model(), Scenario.Policy("a").Enforce(Severities.Critical)).BlockAt);
    }

    [Fact]
    public void Any_enforce_policy_forces_enforce_and_none_can_relax_a_models_enforce()
    {
        var audited = Scenario.Model().Enforcement(EnforcementModes.Audit);

        Assert.Equal(EnforcementModes.Audit, Scenario.Evaluate(audited, Scenario.Policy("a")).Enforcement);
        Assert.Equal(EnforcementModes.Enforce, Scenario.Evaluate(audited, Scenario.Policy("a"), Scenario.Policy("b").Enforce()).Enforcement);
        Assert.Equal(EnforcementModes.Enforce, Scenario.Evaluate(Scenario.Model(), Scenario.Policy("a").With(s => s.Enforcement = EnforcementModes.Audit)).Enforcement);
    }
}
