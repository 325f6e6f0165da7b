using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using k8s.Models;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests;

/// <summary>AIG-RBAC-02 (controls.md): every dangerous grant on the list fails; narrow grants pass.</summary>
public sealed class ApiRuleScopeTests
{
    private static readonly string[] AllVerbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    public static TheoryData<string, string> AnyVerbOnSensitiveResource()
    {
        var data = new TheoryData<string, string>();
        foreach (var resource in ApiRuleDangers.AnyVerbResources.Concat(["nodes/proxy", "nodes/log", "nodes/stats", "secrets/anything"]))
        {
            foreach (var verb in AllVerbs)
            {
                data.Add(resource, verb);
            }
        }

        return data;
    }

    public static TheoryData<string, string> WriteOnProtectedResource()
    {
        var data = new TheoryData<string, string>();
        foreach (var resource in ApiRuleDangers.WriteProtectedResources)
        {
            foreach (var verb in ApiRuleDangers.WriteVerbs)
            {
                data.Add(resource, verb);
            }
        }

        return data;
    }

    public static TheoryData<string> ProtectedResources() => [.. ApiRuleDangers.WriteProtectedResources];

    [Theory]
    [MemberData(nameof(AnyVerbOnSensitiveResource))]
    public void Any_verb_on_a_sensitive_resource_fails(string resource, string verb) =>
        AssertFails(Rule(resource, verb));

    [Theory]
    [MemberData(nameof(WriteOnProtectedResource))]
    public void Write_on_a_protected_resource_fails_in_any_api_group(string resource, string verb)
    {
        AssertFails(Rule(resource, verb));
        AssertFails(Rule(resource, verb, "apps"));
        AssertFails(Rule(resource, verb, "evil.example.com"));
    }

    [Theory]
    [MemberData(nameof(ProtectedResources))]
    public void Reading_a_protected_resource_passes(string resource) =>
        AssertPasses(Rule(resource, "get,list,watch"));

    [Theory]
    [InlineData("escalate")]
    [InlineData("bind")]
    [InlineData("impersonate")]
    public void Escalation_verb_fails_on_any_resource(string verb)
    {
        AssertFails(Rule("configmaps", verb));
        AssertFails(Rule("users,groups,serviceaccounts", verb));
    }

    [Theory]
    [InlineData("*", "get", "")]
    [InlineData("configmaps", "*", "")]
    [InlineData("configmaps", "get", "*")]
    [InlineData("*/scale", "get", "apps")]
    [InlineData("configmaps/*", "get", "")]
    [InlineData("configmaps", "get", "*.example.com")]
    [InlineData("configmaps", "g*", "")]
    public void Wildcard_anywhere_in_an_entry_fails(string resources, string verbs, string apiGroups) =>
        AssertFails(Rule(resources, verbs, apiGroups));

    [Fact]
    public void Any_non_resource_url_fails()
    {
        AssertFails(new V1PolicyRule { NonResourceURLs = ["/healthz"], Verbs = ["get"] });
        AssertFails(new V1PolicyRule { NonResourceURLs = [""], Verbs = ["get"] });
        AssertFails(new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], NonResourceURLs = ["/metrics"], Verbs = ["get"] });
    }

    [Theory]
    [InlineData("Secrets", "get")]
    [InlineData(" secrets ", "list")]
    [InlineData("PODS", "CREATE")]
    [InlineData("pods", " delete")]
    [InlineData("Deployments/Scale", "patch")]
    [InlineData("pods/status", "update")]
    [InlineData("pods/eviction", "create")]
    [InlineData("NODES/Proxy", "get")]
    [InlineData("configmaps", "Impersonate")]
    public void Case_whitespace_and_subresource_forms_do_not_hide_a_grant(string resources, string verbs) =>
        AssertFails(Rule(resources, verbs));

    [Fact]
    public void Empty_and_whitespace_entries_name_nothing()
    {
        AssertPasses(Rule("configmaps,,  ", "get, ,"));
        AssertPasses(new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps", null!], Verbs = ["get", null!] });
    }

    [Fact]
    public void A_dangerous_entry_fails_whatever_else_the_rule_names()
    {
        AssertFails(Rule("configmaps,leases,secrets", "get"));
        AssertFails(Rule("configmaps,pods", "get,list,create"));
    }

    [Fact]
    public void Narrow_api_rules_pass()
    {
        Scenario.Evaluate(Scenario.Model().ApiRules(Rule("configmaps", "get,list,watch"), Rule("leases", "get,update,create", "coordination.k8s.io"), Rule("pods/log", "get")))
            .AssertPasses(ControlIds.ApiRuleScope);
    }

    [Fact]
    public void Each_kind_of_danger_is_reported_once_per_rule_naming_its_field()
    {
        var findings = Scenario.Evaluate(Scenario.Model().ApiRules(Rule("configmaps", "get"), Rule("secrets,pods", "bind,create")))
            .AssertFails(ControlIds.ApiRuleScope);

        Assert.All(findings, f => Assert.StartsWith("spec.access.apiRules[1] ", f.Message, StringComparison.Ordinal));
        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public void Resource_outside_a_policys_allowed_resources_fails_and_names_the_policy()
    {
        var findings = Scenario.Evaluate(Scenario.Model().ApiRules(Rule("configmaps,services", "get")), Scenario.Policy("rbac").AllowedResources("configmaps", "leases"))
            .AssertFails(ControlIds.ApiRuleScope);

        var finding = Assert.Single(findings);
        Assert.Equal("rbac", finding.Policy);
        Assert.Contains("services", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_resources_do_not_stretch_to_subresources()
    {
        Scenario.Evaluate(Scenario.Model().ApiRules(Rule("configmaps/status", "get")), Scenario.Policy("rbac").AllowedResources("configmaps"))
            .AssertFails(ControlIds.ApiRuleScope);
    }

    [Fact]
    public void Resource_inside_a_policys_allowed_resources_passes_whatever_its_case()
    {
        Scenario.Evaluate(Scenario.Model().ApiRules(Rule("ConfigMaps", "get")), Scenario.Policy("rbac").AllowedResources("configmaps", "leases"))
            .AssertPasses(ControlIds.ApiRuleScope);
    }

    [Fact]
    public void Allowed_resources_never_allow_a_dangerous_grant()
    {
        Scenario.Evaluate(Scenario.Model().ApiRules(Rule("secrets", "get")), Scenario.Policy("rbac").AllowedResources("secrets"))
            .AssertFails(ControlIds.ApiRuleScope);
    }

    private static void AssertFails(V1PolicyRule rule)
    {
        var finding = Scenario.Evaluate(Scenario.Model().ApiRules(rule)).AssertFails(ControlIds.ApiRuleScope)[0];
        Assert.StartsWith("spec.access.apiRules[0] ", finding.Message, StringComparison.Ordinal);
    }

    private static void AssertPasses(V1PolicyRule rule) =>
        Scenario.Evaluate(Scenario.Model().ApiRules(rule)).AssertPasses(ControlIds.ApiRuleScope);
}
