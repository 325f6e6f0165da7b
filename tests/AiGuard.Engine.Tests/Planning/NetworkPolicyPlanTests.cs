using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s.Models;
using static AiGuard.Engine.Tests.Planning.PlanningFixtures;

namespace AiGuard.Engine.Tests.Planning;

public sealed class NetworkPolicyPlanTests
{
    [Fact]
    public void Minimal_model_admits_only_client_of_pods_on_the_serving_port_and_egresses_only_to_dns()
    {
        var policy = Plan(Minimal()).NetworkPolicy;

        Assert.Equal("networking.k8s.io/v1", policy.ApiVersion);
        Assert.Equal("NetworkPolicy", policy.Kind);
        Assert.Equal(Name, policy.Metadata.Name);
        Assert.Equal(["Ingress", "Egress"], policy.Spec.PolicyTypes);
        Assert.Equal(new Dictionary<string, string> { [ApiGroup.ModelDeploymentLabel] = Name }, policy.Spec.PodSelector.MatchLabels);

        var ingress = Assert.Single(policy.Spec.Ingress);
        var peer = Assert.Single(ingress.FromProperty);
        Assert.Null(peer.NamespaceSelector); // same namespace only
        Assert.Null(peer.IpBlock);
        Assert.Equal(new Dictionary<string, string> { [ApiGroup.ClientOfLabel] = Name }, peer.PodSelector.MatchLabels);
        var port = Assert.Single(ingress.Ports);
        Assert.Equal(("TCP", "8080"), (port.Protocol, (string)port.Port));

        AssertDnsOnly(Assert.Single(policy.Spec.Egress));
    }

    [Fact]
    public void Quarantine_denies_all_traffic_whatever_was_declared()
    {
        var model = Minimal();
        model.Spec.Network = new NetworkSpec
        {
            Ingress = [new IngressRule { From = [new NetworkPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "x" } } }] }],
            Egress = [new EgressRule { To = [new NetworkPeer { IpBlock = new IpBlock { Cidr = "10.0.0.0/8" } }], Ports = [443] }],
            AllowDns = true,
        };

        var policy = Plan(model, Quarantined()).NetworkPolicy;

        Assert.Equal(["Ingress", "Egress"], policy.Spec.PolicyTypes);
        Assert.True(policy.Spec.Ingress is null or { Count: 0 });
        Assert.True(policy.Spec.Egress is null or { Count: 0 });
        Assert.Equal(Name, policy.Spec.PodSelector.MatchLabels[ApiGroup.ModelDeploymentLabel]);
    }

    [Fact]
    public void Declared_ingress_peers_are_mapped_one_to_one_and_ports_default_to_the_serving_port()
    {
        var model = Minimal();
        model.Spec.Serving.Port = 8000;
        model.Spec.Network = new NetworkSpec
        {
            Ingress =
            [
                new IngressRule
                {
                    From =
                    [
                        new NetworkPeer
                        {
                            NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["team"] = "payments" } },
                            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "checkout" } },
                        },
                        new NetworkPeer { IpBlock = new IpBlock { Cidr = "10.30.0.0/24", Except = ["10.30.0.128/25"] } },
                    ],
                },
                new IngressRule { From = [new NetworkPeer { PodSelector = new V1LabelSelector() }], Ports = [8000, 8002] },
            ],
        };

        var ingress = Plan(model).NetworkPolicy.Spec.Ingress;

        Assert.Equal(2, ingress.Count);
        Assert.Equal(2, ingress[0].FromProperty.Count);
        Assert.Equal("payments", ingress[0].FromProperty[0].NamespaceSelector.MatchLabels["team"]);
        Assert.Equal("checkout", ingress[0].FromProperty[0].PodSelector.MatchLabels["app"]);
        Assert.Equal("10.30.0.0/24", ingress[0].FromProperty[1].IpBlock.Cidr);
        Assert.Equal(["10.30.0.128/25"], ingress[0].FromProperty[1].IpBlock.Except);
        Assert.Equal(["8000"], ingress[0].Ports.Select(p => (string)p.Port));
        Assert.Equal(["8000", "8002"], ingress[1].Ports.Select(p => (string)p.Port));
        Assert.All(ingress.SelectMany(r => r.Ports), p => Assert.Equal("TCP", p.Protocol));
    }

    [Fact]
    public void Empty_ingress_list_admits_nobody()
    {
        var model = Minimal();
        model.Spec.Network = new NetworkSpec { Ingress = [] };

        var policy = Plan(model).NetworkPolicy;

        Assert.True(policy.Spec.Ingress is null or { Count: 0 });
        Assert.Contains("Ingress", policy.Spec.PolicyTypes);
    }

    [Fact]
    public void Declared_egress_rules_come_first_as_tcp_ports_followed_by_dns()
    {
        var model = Minimal();
        model.Spec.Network = new NetworkSpec
        {
            Egress =
            [
                new EgressRule { To = [new NetworkPeer { IpBlock = new IpBlock { Cidr = "10.20.0.0/16" } }], Ports = [443, 8443] },
                new EgressRule { To = [new NetworkPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "feature-store" } } }] },
            ],
        };

        var egress = Plan(model).NetworkPolicy.Spec.Egress;

        Assert.Equal(3, egress.Count);
        Assert.Equal("10.20.0.0/16", Assert.Single(egress[0].To).IpBlock.Cidr);
        Assert.Equal([("TCP", "443"), ("TCP", "8443")], egress[0].Ports.Select(p => (p.Protocol, (string)p.Port)));
        Assert.Null(egress[1].Ports); // absent ports: every port, as declared
        AssertDnsOnly(egress[2]);
    }

    [Fact]
    public void AllowDns_false_leaves_no_egress_at_all()
    {
        var model = Minimal();
        model.Spec.Network = new NetworkSpec { AllowDns = false };

        var policy = Plan(model).NetworkPolicy;

        Assert.True(policy.Spec.Egress is null or { Count: 0 });
        Assert.Contains("Egress", policy.Spec.PolicyTypes);
    }

    [Fact]
    public void Planned_selectors_are_copies_so_the_spec_is_never_aliased()
    {
        var model = Minimal();
        var selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "checkout" } };
        model.Spec.Network = new NetworkSpec { Ingress = [new IngressRule { From = [new NetworkPeer { PodSelector = selector }] }] };

        var planned = Plan(model).NetworkPolicy.Spec.Ingress[0].FromProperty[0].PodSelector;
        planned.MatchLabels["app"] = "changed";

        Assert.Equal("checkout", selector.MatchLabels["app"]);
    }

    private static void AssertDnsOnly(V1NetworkPolicyEgressRule rule)
    {
        var peer = Assert.Single(rule.To);
        Assert.Equal(new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "kube-system" }, peer.NamespaceSelector.MatchLabels);
        Assert.Equal(new Dictionary<string, string> { ["k8s-app"] = "kube-dns" }, peer.PodSelector.MatchLabels);
        Assert.Equal([("UDP", "53"), ("TCP", "53")], rule.Ports.Select(p => (p.Protocol, (string)p.Port)));
    }
}
