using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests;

/// <summary>GuardPolicy.spec.exceptions.nonWaivable (controls.md, "Exceptions"): a listed control cannot be self-waived.</summary>
public sealed class NonWaivableTests
{
    private static readonly ModelDeploymentBuilder SecretReader = Scenario.Model().ApiRules(Rule("secrets", "get"));

    [Fact]
    public void Exception_for_a_non_waivable_control_waives_nothing_and_says_why()
    {
        var assessment = Scenario.Evaluate(
            SecretReader.Build(),
            [Scenario.Policy("baseline").Enforce().NonWaivable(ControlIds.SealedDataOpens, ControlIds.ApiRuleScope).Build()],
            [Scenario.Exception("self-waiver", ControlIds.ApiRuleScope).Build()]);

        var finding = Assert.Single(assessment.AssertFails(ControlIds.ApiRuleScope));
        Assert.Null(finding.WaivedBy);
        Assert.Contains("GuardException self-waiver cannot waive AIG-RBAC-02: policy baseline lists it in exceptions.nonWaivable", finding.Message, StringComparison.Ordinal);
        Assert.True(assessment.Blocked);
        Assert.Equal(Phases.Blocked, assessment.Phase);
    }

    [Fact]
    public void Exception_still_waives_controls_the_policy_does_not_list()
    {
        var assessment = Scenario.Evaluate(
            SecretReader.Build(),
            [Scenario.Policy("baseline").Enforce().NonWaivable(ControlIds.SealedDataOpens).Build()],
            [Scenario.Exception("reviewed", ControlIds.ApiRuleScope).Build()]);

        var finding = Assert.Single(assessment.FindingsOf(ControlIds.ApiRuleScope));
        Assert.True(finding.Waived);
        Assert.Equal("reviewed", finding.WaivedBy);
        Assert.DoesNotContain("nonWaivable", finding.Message, StringComparison.Ordinal);
        Assert.False(assessment.Blocked);
    }

    [Fact]
    public void One_applicable_policy_listing_the_control_is_enough()
    {
        var assessment = Scenario.Evaluate(
            SecretReader.Build(),
            [Scenario.Policy("lenient").Build(), Scenario.Policy("strict").NonWaivable(ControlIds.ApiRuleScope).Build()],
            [Scenario.Exception("self-waiver", ControlIds.ApiRuleScope).Build()]);

        Assert.Contains("policy strict", Assert.Single(assessment.AssertFails(ControlIds.ApiRuleScope)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_that_does_not_select_the_namespace_does_not_forbid_waivers()
    {
        var elsewhere = Scenario.Policy("other-tier").Selecting(new Dictionary<string, string> { ["tier"] = "other" }).NonWaivable(ControlIds.ApiRuleScope);

        var assessment = Scenario.Evaluate(SecretReader.Build(), [elsewhere.Build()], [Scenario.Exception("reviewed", ControlIds.ApiRuleScope).Build()]);

        Assert.True(Assert.Single(assessment.FindingsOf(ControlIds.ApiRuleScope)).Waived);
    }

    [Fact]
    public void A_passing_non_waivable_control_reports_nothing()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model().Build(),
            [Scenario.Policy("baseline").NonWaivable(ControlIds.ApiRuleScope).Build()],
            [Scenario.Exception("unused", ControlIds.ApiRuleScope).Build()]);

        assessment.AssertPasses(ControlIds.ApiRuleScope);
    }
}
