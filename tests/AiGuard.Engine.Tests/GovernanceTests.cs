using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;

namespace AiGuard.Engine.Tests;

public sealed class GovernanceTests
{
    [Fact]
    public void Model_with_owner_and_risk_level_is_governed()
    {
        Scenario.Evaluate(Scenario.Model()).AssertPasses(ControlIds.Governance);
    }

    [Fact]
    public void Missing_owner_fails_under_the_defaults()
    {
        var finding = Assert.Single(Scenario.Evaluate(Scenario.Model().With(s => s.Owner = " ")).AssertFails(ControlIds.Governance));

        Assert.Contains("spec.owner", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_risk_level_fails_under_the_defaults()
    {
        Scenario.Evaluate(Scenario.Model().With(s => s.RiskLevel = null)).AssertFails(ControlIds.Governance);
    }

    [Fact]
    public void Owner_and_risk_level_may_be_omitted_when_every_policy_waives_the_requirement()
    {
        var model = Scenario.Model().With(s =>
        {
            s.Owner = null;
            s.RiskLevel = null;
        });

        Scenario.Evaluate(model, Scenario.Policy("relaxed").Governance(false, false)).AssertPasses(ControlIds.Governance);
    }

    [Fact]
    public void A_policy_that_keeps_the_default_still_requires_an_owner()
    {
        var model = Scenario.Model().With(s => s.Owner = null);

        Scenario.Evaluate(model, Scenario.Policy("relaxed").Governance(false, false), Scenario.Policy("plain")).AssertFails(ControlIds.Governance);
    }

    [Fact]
    public void High_risk_model_under_audit_fails()
    {
        var model = Scenario.Model().With(s => s.RiskLevel = RiskLevels.High).Enforcement(EnforcementModes.Audit);

        var finding = Assert.Single(Scenario.Evaluate(model).AssertFails(ControlIds.Governance));

        Assert.Contains("Audit", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void High_risk_model_forced_to_enforce_by_a_policy_passes()
    {
        var model = Scenario.Model().With(s => s.RiskLevel = RiskLevels.High).Enforcement(EnforcementModes.Audit);

        Scenario.Evaluate(model, Scenario.Policy("prod").Enforce()).AssertPasses(ControlIds.Governance);
    }
}
