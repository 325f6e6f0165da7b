using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using CsCheck;
using k8s.Models;

namespace AiGuard.Engine.Tests;

/// <summary>Properties of AIG-RBAC-02 over generated rules: a dangerous entry cannot be diluted away.</summary>
public sealed class ApiRuleScopePropertyTests
{
    private static readonly Gen<string> Groups = Gen.OneOf("", "apps", "batch", "coordination.k8s.io", "rbac.authorization.k8s.io", "evil.io", " ", "*");

    private static readonly Gen<string> Resources = Gen.OneOf(
        [.. ApiRuleDangers.WriteProtectedResources, .. ApiRuleDangers.AnyVerbResources,
            "configmaps", "leases", "services", "events", "pods/log", "pods/status", "deployments/scale", "nodes/proxy", "", "  ", "Secrets", "*"]);

    private static readonly Gen<string> Verbs = Gen.OneOf(
        [.. ApiRuleDangers.WriteVerbs, .. ApiRuleDangers.EscalationVerbs, "get", "list", "watch", "GET", " create", "", "*"]);

    private static readonly Gen<V1PolicyRule> Rules =
        Gen.Select(Groups.List[0, 3], Resources.List[0, 4], Verbs.List[1, 4], Gen.Int[0, 9])
            .Select((groups, resources, verbs, urls) => new V1PolicyRule
            {
                ApiGroups = groups,
                Resources = resources,
                Verbs = verbs,
                NonResourceURLs = urls == 0 ? ["/healthz"] : null,
            });

    [Fact]
    public void A_write_verb_on_a_protected_resource_fails_whatever_else_the_rule_holds()
    {
        Gen.Select(Rules, Gen.OneOf([.. ApiRuleDangers.WriteProtectedResources]), Gen.OneOf([.. ApiRuleDangers.WriteVerbs]), Gen.Int[0, 4])
            .Sample((rule, resource, verb, at) =>
            {
                rule.Resources.Insert(Math.Min(at, rule.Resources.Count), resource);
                rule.Verbs.Insert(Math.Min(at, rule.Verbs.Count), verb);
                return Fails(rule);
            });
    }

    [Fact]
    public void Any_verb_on_a_sensitive_resource_fails_whatever_else_the_rule_holds()
    {
        Gen.Select(Rules, Gen.OneOf([.. ApiRuleDangers.AnyVerbResources]), Gen.OneOf("get", "list", "watch", "create"))
            .Sample((rule, resource, verb) =>
            {
                rule.Resources.Add(resource);
                rule.Verbs.Add(verb);
                return Fails(rule);
            });
    }

    [Fact]
    public void Adding_entries_never_makes_a_failing_rule_pass()
    {
        Gen.Select(Rules, Groups, Resources, Verbs).Sample((rule, group, resource, verb) =>
        {
            var before = Fails(rule);
            var widened = new V1PolicyRule
            {
                ApiGroups = [.. rule.ApiGroups ?? [], group],
                Resources = [.. rule.Resources ?? [], resource],
                Verbs = [.. rule.Verbs ?? [], verb],
                NonResourceURLs = rule.NonResourceURLs,
            };
            return !before || Fails(widened);
        });
    }

    [Fact]
    public void A_rule_that_passes_names_nothing_on_the_lists()
    {
        Rules.Sample(rule => Fails(rule) || !(rule.Resources ?? []).Any(r =>
            r.Trim().Contains('*', StringComparison.Ordinal)
            || ApiRuleDangers.AnyVerbResources.Contains(r.Trim().ToLowerInvariant())));
    }

    private static bool Fails(V1PolicyRule rule)
    {
        var result = Scenario.Evaluate(Scenario.Model().ApiRules(rule)).ResultOf(ControlIds.ApiRuleScope);
        Assert.NotNull(result);
        return !result.Passed;
    }
}
