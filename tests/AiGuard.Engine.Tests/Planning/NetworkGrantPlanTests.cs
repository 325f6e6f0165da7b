using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Planning;
using AiGuard.Engine.Tests.Samples;
using k8s.Models;
using static AiGuard.Engine.Tests.Samples.ModelDeploymentBuilder;

namespace AiGuard.Engine.Tests.Planning;

/// <summary>
/// Network reach is never given on trust: under Enforce, while AIG-NET-01 or AIG-NET-02 has an unwaived finding, the
/// planner plans the secure default NetworkPolicy instead of the declared rules, so a blocked change cannot widen the
/// reach of the pods that keep running. Planned from real evaluations.
/// </summary>
public sealed class NetworkGrantPlanTests
{
    private const string Uid = "9d1e0f3a-0000-4000-8000-00000000beef";

    private static readonly NetworkPeer Checkout = new()
    {
        NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["team"] = "payments" } },
        PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "checkout" } },
    };

    public static TheoryData<string> OpenIngressPeers => ["missing from", "empty from", "0.0.0.0/0", "::/0", "every namespace"];

    [Theory]
    [MemberData(nameof(OpenIngressPeers))]
    public void Open_ingress_under_enforce_gets_the_default_policy_not_the_declared_rule(string open)
    {
        var model = Scenario.Model().Ingress(new IngressRule { From = [Checkout] }, OpenRule(open));

        var (assessment, state) = Plan(model);

        assessment.AssertFails(ControlIds.OpenIngress);
        AssertSecureDefault(state.NetworkPolicy, dns: true);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("8.8.8.0/24")]
    [InlineData("169.254.169.254/32")]
    [InlineData("fe80::/64")]
    public void Public_or_link_local_egress_under_enforce_gets_the_default_policy(string cidr)
    {
        var model = Scenario.Model().Ingress(new IngressRule { From = [Checkout] }).EgressTo("10.20.0.0/16", cidr);

        var (assessment, state) = Plan(model);

        assessment.AssertFails(ControlIds.EgressReach);
        AssertSecureDefault(state.NetworkPolicy, dns: true);
    }

    [Fact]
    public void Link_local_egress_stays_withheld_even_where_every_policy_allows_public_egress()
    {
        var model = Scenario.Model().EgressTo("169.254.169.254/32");

        var (_, state) = Plan(model, policies: [Scenario.Policy("public-ok").PublicEgress(true)]);

        AssertSecureDefault(state.NetworkPolicy, dns: true);
    }

    [Fact]
    public void Withheld_rules_keep_allow_dns_false_because_it_only_narrows()
    {
        var model = Scenario.Model().EgressTo("0.0.0.0/0").With(s => s.Network!.AllowDns = false);

        var (_, state) = Plan(model);

        AssertSecureDefault(state.NetworkPolicy, dns: false);
    }

    [Fact]
    public void A_blockAt_above_high_does_not_let_open_ingress_through()
    {
        var model = Scenario.Model().Ingress(OpenRule("empty from"));

        var (assessment, state) = Plan(model, policies: [Scenario.Policy("lenient").Enforce("critical")]);

        Assert.False(assessment.Blocked);
        AssertSecureDefault(state.NetworkPolicy, dns: true);
    }

    [Fact]
    public void Narrow_declared_rules_are_planned_as_declared()
    {
        var model = Scenario.Model().Ingress(new IngressRule { From = [Checkout] }).EgressTo("10.20.0.0/16");

        var (assessment, state) = Plan(model);

        assessment.AssertPasses(ControlIds.OpenIngress);
        assessment.AssertPasses(ControlIds.EgressReach);
        Assert.Equal("checkout", Assert.Single(Assert.Single(state.NetworkPolicy.Spec.Ingress).FromProperty).PodSelector.MatchLabels["app"]);
        Assert.Equal("10.20.0.0/16", Assert.Single(state.NetworkPolicy.Spec.Egress[0].To).IpBlock.Cidr);
    }

    [Fact]
    public void A_waived_finding_gets_the_declared_rules()
    {
        var model = Scenario.Model().Ingress(OpenRule("0.0.0.0/0")).EgressTo("8.8.8.0/24");

        var (assessment, state) = Plan(model, exceptions: [Scenario.Exception("public-model", ControlIds.OpenIngress, ControlIds.EgressReach)]);

        Assert.All(assessment.FindingsOf(ControlIds.OpenIngress).Concat(assessment.FindingsOf(ControlIds.EgressReach)), f => Assert.True(f.Waived));
        Assert.Equal("0.0.0.0/0", Assert.Single(Assert.Single(state.NetworkPolicy.Spec.Ingress).FromProperty).IpBlock.Cidr);
        Assert.Equal("8.8.8.0/24", Assert.Single(state.NetworkPolicy.Spec.Egress[0].To).IpBlock.Cidr);
    }

    [Fact]
    public void Waiving_only_one_of_the_two_controls_still_withholds_both_directions()
    {
        var model = Scenario.Model().Ingress(OpenRule("0.0.0.0/0")).EgressTo("8.8.8.0/24");

        var (_, state) = Plan(model, exceptions: [Scenario.Exception("half", ControlIds.OpenIngress)]);

        AssertSecureDefault(state.NetworkPolicy, dns: true);
    }

    [Fact]
    public void An_exception_for_a_non_waivable_net_control_does_not_unlock_the_declared_rules()
    {
        var model = Scenario.Model().Ingress(OpenRule("empty from"));

        var (_, state) = Plan(
            model,
            policies: [Scenario.Policy("baseline").NonWaivable(ControlIds.OpenIngress)],
            exceptions: [Scenario.Exception("self-waiver", ControlIds.OpenIngress)]);

        AssertSecureDefault(state.NetworkPolicy, dns: true);
    }

    [Fact]
    public void Audit_reports_but_applies_the_declared_rules()
    {
        var model = Scenario.Model().Enforcement(EnforcementModes.Audit).Ingress(OpenRule("0.0.0.0/0")).EgressTo("169.254.169.254/32");

        var (assessment, state) = Plan(model);

        Assert.Equal(EnforcementModes.Audit, assessment.Enforcement);
        assessment.AssertFails(ControlIds.OpenIngress);
        assessment.AssertFails(ControlIds.EgressReach);
        Assert.Equal("0.0.0.0/0", Assert.Single(Assert.Single(state.NetworkPolicy.Spec.Ingress).FromProperty).IpBlock.Cidr);
        Assert.Equal("169.254.169.254/32", Assert.Single(state.NetworkPolicy.Spec.Egress[0].To).IpBlock.Cidr);
    }

    [Fact]
    public void An_enforce_policy_overrides_an_audit_model_and_withholds_the_open_rule()
    {
        var model = Scenario.Model().Enforcement(EnforcementModes.Audit).Ingress(OpenRule("empty from"));

        var (assessment, state) = Plan(model, policies: [Scenario.Policy("strict").Enforce()]);

        Assert.Equal(EnforcementModes.Enforce, assessment.Enforcement);
        AssertSecureDefault(state.NetworkPolicy, dns: true);
    }

    [Theory]
    [InlineData(EnforcementModes.Enforce)]
    [InlineData(EnforcementModes.Audit)]
    public void An_invalid_spec_gets_the_default_policy_in_either_mode(string mode)
    {
        var model = Scenario.Model().Enforcement(mode).Ingress(OpenRule("0.0.0.0/0")).With(s => s.Serving.Image = "");

        var (assessment, state) = Plan(model);

        Assert.NotEmpty(assessment.SpecErrors);
        AssertSecureDefault(state.NetworkPolicy, dns: true);
    }

    [Fact]
    public void Quarantine_still_denies_all_traffic_when_the_declared_rules_are_open()
    {
        var model = Scenario.Model().Ingress(OpenRule("empty from")).EgressTo("0.0.0.0/0").Quarantine("INC-4711");

        var (assessment, state) = Plan(model);

        Assert.True(assessment.Quarantined);
        Assert.Equal(["Ingress", "Egress"], state.NetworkPolicy.Spec.PolicyTypes);
        Assert.True(state.NetworkPolicy.Spec.Ingress is null or { Count: 0 });
        Assert.True(state.NetworkPolicy.Spec.Egress is null or { Count: 0 });
    }

    private static IngressRule OpenRule(string open) => open switch
    {
        "missing from" => new IngressRule { From = null },
        "empty from" => new IngressRule { From = [] },
        "every namespace" => new IngressRule { From = [new NetworkPeer { NamespaceSelector = new V1LabelSelector() }] },
        _ => new IngressRule { From = [new NetworkPeer { IpBlock = new IpBlock { Cidr = open } }] },
    };

    /// <summary>The policy a spec without network rules gets: client-of pods on the serving port in, DNS (if allowed) out.</summary>
    private static void AssertSecureDefault(V1NetworkPolicy policy, bool dns)
    {
        var defaults = Planner.Plan(Scenario.Model().With(s => s.Network = new NetworkSpec { AllowDns = dns }).Build(), new Assessment(), PlanningFixtures.NoSecrets, null).NetworkPolicy;

        Assert.Equal(["Ingress", "Egress"], policy.Spec.PolicyTypes);
        var ingress = Assert.Single(policy.Spec.Ingress);
        var peer = Assert.Single(ingress.FromProperty);
        Assert.Null(peer.NamespaceSelector);
        Assert.Null(peer.IpBlock);
        Assert.Equal(new Dictionary<string, string> { [ApiGroup.ClientOfLabel] = Name }, peer.PodSelector.MatchLabels);
        Assert.Equal(k8s.KubernetesJson.Serialize(defaults.Spec), k8s.KubernetesJson.Serialize(policy.Spec));
        Assert.DoesNotContain(policy.Spec.Egress ?? [], r => r.To?.Any(p => p.IpBlock is not null) != false);
        Assert.Equal(dns ? 1 : 0, policy.Spec.Egress?.Count ?? 0);
    }

    private static (Assessment Assessment, DesiredState State) Plan(
        ModelDeploymentBuilder builder,
        GuardPolicy[]? policies = null,
        Api.Exceptions.GuardException[]? exceptions = null)
    {
        var model = builder.Build();
        model.Metadata.Uid = Uid;
        var assessment = Scenario.Evaluate(model, policies, exceptions);
        return (assessment, Planner.Plan(model, assessment, PlanningFixtures.NoSecrets, null));
    }
}
