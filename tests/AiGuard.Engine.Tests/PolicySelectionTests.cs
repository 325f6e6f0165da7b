using AiGuard.Engine.Policies;
using AiGuard.Engine.Tests.Samples;
using k8s.Models;

namespace AiGuard.Engine.Tests;

public sealed class PolicySelectionTests
{
    private static readonly Dictionary<string, string> Prod = new() { ["aiguard.io/tier"] = "prod", ["team"] = "risk" };

    private static V1LabelSelector Expression(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new V1LabelSelectorRequirement { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : [.. values] }] };

    [Fact]
    public void Absent_or_empty_selector_selects_every_namespace()
    {
        Assert.True(LabelSelectorMatcher.Matches(null, Prod));
        Assert.True(LabelSelectorMatcher.Matches(new V1LabelSelector(), new Dictionary<string, string>()));
    }

    [Fact]
    public void Match_labels_need_every_label_with_its_value()
    {
        var selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["aiguard.io/tier"] = "prod", ["team"] = "risk" } };

        Assert.True(LabelSelectorMatcher.Matches(selector, Prod));
        Assert.False(LabelSelectorMatcher.Matches(selector, new Dictionary<string, string> { ["aiguard.io/tier"] = "prod" }));
        Assert.False(LabelSelectorMatcher.Matches(selector, new Dictionary<string, string> { ["aiguard.io/tier"] = "dev", ["team"] = "risk" }));
    }

    [Theory]
    [InlineData("aiguard.io/tier", "In", new[] { "prod", "staging" }, true)]
    [InlineData("aiguard.io/tier", "In", new[] { "dev" }, false)]
    [InlineData("missing", "In", new[] { "prod" }, false)]
    [InlineData("aiguard.io/tier", "NotIn", new[] { "dev" }, true)]
    [InlineData("aiguard.io/tier", "NotIn", new[] { "prod" }, false)]
    [InlineData("missing", "NotIn", new[] { "prod" }, true)]
    [InlineData("team", "Exists", new string[0], true)]
    [InlineData("missing", "Exists", new string[0], false)]
    [InlineData("missing", "DoesNotExist", new string[0], true)]
    [InlineData("team", "DoesNotExist", new string[0], false)]
    [InlineData("team", "Bogus", new string[0], false)]
    public void Match_expressions_follow_kubernetes_semantics(string key, string op, string[] values, bool matches)
    {
        Assert.Equal(matches, LabelSelectorMatcher.Matches(Expression(key, op, values), Prod));
    }

    [Fact]
    public void Only_policies_whose_selector_matches_the_namespace_labels_apply_and_are_listed_sorted()
    {
        var prodOnly = Scenario.Policy("prod-only").Selecting(new Dictionary<string, string> { ["aiguard.io/tier"] = "prod" }).RequireDigest();
        var devOnly = Scenario.Policy("dev-only").Selecting(new Dictionary<string, string> { ["aiguard.io/tier"] = "dev" }).RequireDigest();
        var everywhere = Scenario.Policy("baseline");

        var inProd = Scenario.Evaluate(Scenario.Model().Build(), [prodOnly, devOnly, everywhere], namespaceLabels: Prod);
        var unlabelled = Scenario.Evaluate(Scenario.Model().Build(), [prodOnly, devOnly, everywhere]);

        Assert.Equal(["baseline", "prod-only"], inProd.AppliedPolicies);
        Assert.Equal(["baseline"], unlabelled.AppliedPolicies);
    }

    [Fact]
    public void A_policy_that_does_not_apply_has_no_effect()
    {
        var devOnly = Scenario.Policy("dev-only").Selecting(new Dictionary<string, string> { ["aiguard.io/tier"] = "dev" }).AllowedRegistries("quay.io");

        Scenario.Evaluate(Scenario.Model().Build(), [devOnly], namespaceLabels: Prod).AssertPasses(Controls.ControlIds.ImageRegistry);
    }
}
