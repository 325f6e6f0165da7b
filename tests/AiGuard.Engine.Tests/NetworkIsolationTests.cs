using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Tests.Samples;
using k8s.Models;

namespace AiGuard.Engine.Tests;

public sealed class NetworkIsolationTests
{
    private static NetworkPeer Pods(string app) => new()
    {
        NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["team"] = "payments" } },
        PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = app } },
    };

    private static NetworkPeer Block(string cidr, params string[] except) => new() { IpBlock = new IpBlock { Cidr = cidr, Except = [.. except] } };

    [Fact]
    public void Ingress_from_named_namespace_and_pods_passes()
    {
        var assessment = Scenario.Evaluate(Scenario.Model().Ingress(new IngressRule { From = [Pods("checkout")], Ports = [8000] }));

        assessment.AssertPasses(ControlIds.OpenIngress);
    }

    [Fact]
    public void Ingress_rule_without_from_is_open()
    {
        var findings = Scenario.Evaluate(Scenario.Model().Ingress(new IngressRule { Ports = [8000] })).AssertFails(ControlIds.OpenIngress);

        Assert.Contains("spec.network.ingress[0] has no 'from'", findings.Single().Message, StringComparison.Ordinal);
        Assert.Null(findings.Single().Policy);
    }

    [Fact]
    public void Ingress_rule_with_empty_from_is_open()
    {
        Scenario.Evaluate(Scenario.Model().Ingress(new IngressRule { From = [] })).AssertFails(ControlIds.OpenIngress);
    }

    [Fact]
    public void Ingress_from_every_namespace_without_pod_selector_is_open()
    {
        var everyNamespace = new NetworkPeer { NamespaceSelector = new V1LabelSelector() };

        var findings = Scenario.Evaluate(Scenario.Model().Ingress(new IngressRule { From = [Pods("checkout"), everyNamespace] }))
            .AssertFails(ControlIds.OpenIngress);

        Assert.Contains("from[1]", findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingress_from_every_namespace_but_named_pods_passes()
    {
        var peer = new NetworkPeer
        {
            NamespaceSelector = new V1LabelSelector(),
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "gateway" } },
        };

        Scenario.Evaluate(Scenario.Model().Ingress(new IngressRule { From = [peer] })).AssertPasses(ControlIds.OpenIngress);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    public void Ingress_from_a_block_holding_every_address_is_open(string cidr)
    {
        Scenario.Evaluate(Scenario.Model().Ingress(new IngressRule { From = [Block(cidr)] })).AssertFails(ControlIds.OpenIngress);
    }

    [Fact]
    public void Ingress_from_a_wide_but_not_total_block_passes()
    {
        Scenario.Evaluate(Scenario.Model().Ingress(new IngressRule { From = [Block("0.0.0.0/1"), Block("::/1")] }))
            .AssertPasses(ControlIds.OpenIngress);
    }

    [Fact]
    public void Egress_to_a_private_block_passes()
    {
        Scenario.Evaluate(Scenario.Model().EgressTo("10.20.0.0/16", "fd00:1::/64", "100.64.1.0/24")).AssertPasses(ControlIds.EgressReach);
    }

    [Fact]
    public void Egress_rule_without_to_reaches_everything()
    {
        var findings = Scenario.Evaluate(Scenario.Model().Egress(new EgressRule { Ports = [443] })).AssertFails(ControlIds.EgressReach);

        Assert.Contains("has no 'to'", findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Egress_to_pods_by_selector_passes()
    {
        Scenario.Evaluate(Scenario.Model().Egress(new EgressRule { To = [Pods("feature-store")] })).AssertPasses(ControlIds.EgressReach);
    }

    [Theory]
    [InlineData("8.8.8.8/32")]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    [InlineData("2001:db8::/32")]
    [InlineData("172.32.0.0/16")]
    [InlineData("10.0.0.0/7")]
    public void Egress_to_a_public_address_fails_without_a_policy_allowing_it(string cidr)
    {
        var findings = Scenario.Evaluate(Scenario.Model().EgressTo(cidr)).AssertFails(ControlIds.EgressReach);

        Assert.Contains(findings, f => f.Message.Contains("reaches public addresses", StringComparison.Ordinal));
    }

    [Fact]
    public void Egress_to_a_public_address_passes_when_the_only_policy_allows_public_egress()
    {
        Scenario.Evaluate(Scenario.Model().EgressTo("8.8.8.8/32"), Scenario.Policy("open").PublicEgress(true))
            .AssertPasses(ControlIds.EgressReach);
    }

    [Fact]
    public void An_excepted_public_range_still_counts_as_public_reach()
    {
        var model = Scenario.Model().Egress(new EgressRule { To = [Block("10.0.0.0/7", "11.0.0.0/8")] });

        Scenario.Evaluate(model).AssertFails(ControlIds.EgressReach);
    }

    [Theory]
    [InlineData("169.254.169.254/32")]
    [InlineData("169.254.0.0/16")]
    [InlineData("fe80::1/128")]
    [InlineData("0.0.0.0/0")]
    public void Egress_overlapping_link_local_fails_even_when_public_egress_is_allowed(string cidr)
    {
        var findings = Scenario.Evaluate(Scenario.Model().EgressTo(cidr), Scenario.Policy("open").PublicEgress(true))
            .AssertFails(ControlIds.EgressReach);

        var finding = Assert.Single(findings);
        Assert.Contains("link-local", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Egress_outside_a_policys_allowed_cidrs_fails_and_names_the_policy()
    {
        var findings = Scenario.Evaluate(Scenario.Model().EgressTo("192.168.1.0/24"), Scenario.Policy("corp").AllowedEgress("10.0.0.0/8"))
            .AssertFails(ControlIds.EgressReach);

        var finding = Assert.Single(findings);
        Assert.Equal("corp", finding.Policy);
        Assert.Contains("10.0.0.0/8", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Egress_inside_a_policys_allowed_cidrs_passes()
    {
        Scenario.Evaluate(Scenario.Model().EgressTo("10.20.0.0/16"), Scenario.Policy("corp").AllowedEgress("10.0.0.0/8"))
            .AssertPasses(ControlIds.EgressReach);
    }

    [Fact]
    public void Each_policys_allowed_cidrs_are_checked_on_their_own()
    {
        var assessment = Scenario.Evaluate(
            Scenario.Model().EgressTo("10.20.0.0/16"),
            Scenario.Policy("a").AllowedEgress("10.0.0.0/8"),
            Scenario.Policy("b").AllowedEgress("192.168.0.0/16"));

        Assert.Equal("b", Assert.Single(assessment.AssertFails(ControlIds.EgressReach)).Policy);
    }

    [Fact]
    public void Foreign_network_policy_is_skipped_offline()
    {
        Scenario.Evaluate(Scenario.Model()).AssertSkipped(ControlIds.ForeignNetworkPolicy);
    }

    [Fact]
    public void Foreign_network_policy_selecting_all_pods_with_an_ingress_rule_fails()
    {
        var cluster = Cluster(ForeignPolicy("allow-all", new V1LabelSelector(), ingress: true));

        var findings = Scenario.Evaluate(Scenario.Model().Build(), cluster: cluster).AssertFails(ControlIds.ForeignNetworkPolicy);

        Assert.Contains("allow-all", findings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Foreign_network_policy_selecting_the_model_by_its_label_with_egress_fails()
    {
        var selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [ApiGroup.ModelDeploymentLabel] = ModelDeploymentBuilder.Name } };

        Scenario.Evaluate(Scenario.Model().Build(), cluster: Cluster(ForeignPolicy("egress", selector, egress: true)))
            .AssertFails(ControlIds.ForeignNetworkPolicy);
    }

    [Fact]
    public void Foreign_network_policy_for_other_pods_or_without_rules_or_in_another_namespace_passes()
    {
        var otherPods = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "other" } };
        var denyAll = ForeignPolicy("deny-all", new V1LabelSelector());
        var otherNamespace = ForeignPolicy("elsewhere", new V1LabelSelector(), ingress: true);
        otherNamespace.Metadata.NamespaceProperty = "other";

        var cluster = Cluster(ForeignPolicy("others", otherPods, ingress: true), denyAll, otherNamespace);

        Scenario.Evaluate(Scenario.Model().Build(), cluster: cluster).AssertPasses(ControlIds.ForeignNetworkPolicy);
    }

    [Fact]
    public void Network_policy_controlled_by_an_existing_model_deployment_passes()
    {
        var ours = ForeignPolicy(ModelDeploymentBuilder.Name, new V1LabelSelector(), ingress: true).ControlledBy();

        Scenario.Evaluate(Scenario.Model().Build(), cluster: Cluster(ours)).AssertPasses(ControlIds.ForeignNetworkPolicy);
    }

    [Fact]
    public void A_copied_owner_reference_does_not_hide_a_network_policy_the_planner_would_not_name_so()
    {
        // The real uid of the existing model, copied from `kubectl get md -o yaml` onto a user's own allow-all policy.
        var copied = ForeignPolicy("allow-all", new V1LabelSelector(), ingress: true).ControlledBy();

        Scenario.Evaluate(Scenario.Model().Build(), cluster: Cluster(copied)).AssertFails(ControlIds.ForeignNetworkPolicy);
    }

    [Fact]
    public void Managed_by_label_does_not_hide_a_foreign_network_policy()
    {
        var disguised = ForeignPolicy("allow-all", new V1LabelSelector(), ingress: true).LabelledManaged();

        Scenario.Evaluate(Scenario.Model().Build(), cluster: Cluster(disguised)).AssertFails(ControlIds.ForeignNetworkPolicy);
    }

    public static TheoryData<string, string, string, string, bool> ForgedOwners() => new()
    {
        { "uid of no model", ModelDeploymentBuilder.Name, "00000000-dead-beef-0000-000000000000", ModelDeployment.KubeKind, true },
        { "name of another model", "other-model", Owners.ModelUid, ModelDeployment.KubeKind, true },
        { "not the controller", ModelDeploymentBuilder.Name, Owners.ModelUid, ModelDeployment.KubeKind, false },
        { "another kind", ModelDeploymentBuilder.Name, Owners.ModelUid, "Deployment", true },
        { "empty uid", ModelDeploymentBuilder.Name, "", ModelDeployment.KubeKind, true },
    };

    [Theory]
    [MemberData(nameof(ForgedOwners))]
    public void Network_policy_with_a_forged_owner_reference_fails(string why, string owner, string uid, string kind, bool controller)
    {
        var forged = ForeignPolicy("allow-all", new V1LabelSelector(), ingress: true).LabelledManaged().ControlledBy(owner, uid, kind, controller: controller);

        Assert.NotEmpty(why);
        Scenario.Evaluate(Scenario.Model().Build(), cluster: Cluster(forged)).AssertFails(ControlIds.ForeignNetworkPolicy);
    }

    [Fact]
    public void Owner_reference_to_a_model_deployment_of_another_namespace_fails()
    {
        var forged = ForeignPolicy("allow-all", new V1LabelSelector(), ingress: true).ControlledBy("victim", "uid-of-victim");
        var elsewhere = new ModelDeploymentIdentity("other-team", "victim", "uid-of-victim");

        Scenario.Evaluate(Scenario.Model().Build(), cluster: Owners.Cluster(policies: [forged], modelDeployments: [Owners.Model, elsewhere]))
            .AssertFails(ControlIds.ForeignNetworkPolicy);
    }

    [Fact]
    public void Owner_reference_with_a_foreign_api_group_fails()
    {
        var forged = ForeignPolicy("allow-all", new V1LabelSelector(), ingress: true).ControlledBy(apiVersion: "evil.example.com/v1");

        Scenario.Evaluate(Scenario.Model().Build(), cluster: Cluster(forged)).AssertFails(ControlIds.ForeignNetworkPolicy);
    }

    private static ClusterObservations Cluster(params V1NetworkPolicy[] policies) => Owners.Cluster(policies: policies);

    private static V1NetworkPolicy ForeignPolicy(string name, V1LabelSelector podSelector, bool ingress = false, bool egress = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ModelDeploymentBuilder.Namespace },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = podSelector,
            PolicyTypes = ["Ingress", "Egress"],
            Ingress = ingress ? [new V1NetworkPolicyIngressRule()] : null,
            Egress = egress ? [new V1NetworkPolicyEgressRule()] : null,
        },
    };
}
