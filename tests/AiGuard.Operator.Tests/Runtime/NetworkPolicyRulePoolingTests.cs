using System.Text.Json.Nodes;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>
/// NetworkPolicies read for the cache share ingress and egress rule lists whose JSON text is identical, never merge
/// rule lists that differ in anything (an extra peer or port an attacker adds stays visible), and refuse changes.
/// </summary>
public sealed class NetworkPolicyRulePoolingTests
{
    private const string Policy = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy",
         "metadata":{"name":"NAME","namespace":"ml-pool","uid":"uid-NAME","resourceVersion":"1"},
         "spec":{"podSelector":{"matchLabels":{"aiguard.io/model-deployment":"NAME"}},"policyTypes":["Ingress","Egress"],
           "ingress":[{"from":[{"namespaceSelector":{"matchLabels":{"team":"ml"}}}],"ports":[{"port":8080,"protocol":"TCP"}]}],
           "egress":EGRESS}}
        """;

    private const string Dns = """[{"to":[{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"kube-system"}}}],"ports":[{"port":53,"protocol":"UDP"},{"port":53,"protocol":"TCP"}]}]""";

    private static V1NetworkPolicy Read(string name, string egress = Dns) =>
        CacheJson.Deserialize<V1NetworkPolicy>(Policy.Replace("NAME", name, StringComparison.Ordinal).Replace("EGRESS", egress, StringComparison.Ordinal))!;

    [Fact]
    public void Policies_with_the_same_rules_share_one_ingress_and_one_egress_list()
    {
        var first = Read("pool-a");
        var second = Read("pool-b");

        Assert.Same(first.Spec.Ingress, second.Spec.Ingress);
        Assert.Same(first.Spec.Egress, second.Spec.Egress);
        Assert.NotSame(first.Spec.PodSelector, second.Spec.PodSelector);
        Assert.Equal("53", second.Spec.Egress[0].Ports[1].Port.Value);
    }

    [Fact]
    public void An_added_peer_or_port_is_never_merged_with_the_usual_rules()
    {
        var usual = Read("pool-c");
        var widened = Read("pool-d", Dns.Replace("]}]", """]},{"to":[{"ipBlock":{"cidr":"0.0.0.0/0"}}]}]""", StringComparison.Ordinal));
        var extraPort = Read("pool-e", Dns.Replace("""{"port":53,"protocol":"TCP"}""", """{"port":53,"protocol":"TCP"},{"port":443,"protocol":"TCP"}""", StringComparison.Ordinal));

        Assert.NotSame(usual.Spec.Egress, widened.Spec.Egress);
        Assert.Equal("0.0.0.0/0", widened.Spec.Egress[1].To[0].IpBlock.Cidr);
        Assert.NotSame(usual.Spec.Egress, extraPort.Spec.Egress);
        Assert.Equal(3, extraPort.Spec.Egress[0].Ports.Count);
        Assert.Equal(2, usual.Spec.Egress[0].Ports.Count);
    }

    [Fact]
    public void A_shared_rule_list_refuses_changes_and_serializes_back_to_the_same_json()
    {
        var policy = Read("pool-f");

        Assert.Throws<NotSupportedException>(() => policy.Spec.Egress.Add(new V1NetworkPolicyEgressRule()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Dns), JsonNode.Parse(KubernetesJson.Serialize(policy.Spec.Egress))));
    }
}
