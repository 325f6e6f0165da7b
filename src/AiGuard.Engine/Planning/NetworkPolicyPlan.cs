using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// NetworkPolicyPlan builds the one NetworkPolicy that isolates the model's pods. Both policy types are always
/// listed, so anything not declared is denied: no egress but DNS, and ingress only from declared peers or, when
/// none are declared, from same-namespace pods labelled <c>aiguard.io/client-of=&lt;name&gt;</c>.
/// </summary>
/// <remarks>
/// Network reach is a grant like any other and is never given on trust: while the declared rules are not trusted
/// (see <see cref="DeclaredRulesTrusted"/>) the policy is the secure default a spec without <c>network.ingress</c>
/// and <c>network.egress</c> gets. The Deployment of a blocked model keeps running, so planning the declared rules
/// would widen the reach of pods whose change was refused.
/// </remarks>
internal static class NetworkPolicyPlan
{
    private const string Tcp = "TCP";
    private const string Udp = "UDP";
    private const int DnsPort = 53;

    public static V1NetworkPolicy Build(PlanningContext context)
    {
        var policy = new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = V1NetworkPolicy.KubeKind,
            Metadata = context.ChildMetadata(context.Name),
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = context.PodSelectorLabels() },
                PolicyTypes = ["Ingress", "Egress"],
            },
        };

        // Quarantine isolates at once, whatever was declared: with both policy types and no rules, nothing gets in or out.
        if (context.Assessment.Quarantined)
        {
            return policy;
        }

        var network = context.Spec.Network;
        var trusted = DeclaredRulesTrusted(context.Assessment);
        var ingress = IngressRules(context, trusted ? network?.Ingress : null);
        var egress = EgressRules(trusted ? network?.Egress : null, network?.AllowDns ?? true);
        policy.Spec.Ingress = ingress.Count > 0 ? ingress : null;
        policy.Spec.Egress = egress.Count > 0 ? egress : null;
        return policy;
    }

    /// <summary>
    /// True when the declared ingress and egress rules may be planned: AIG-NET-01 and AIG-NET-02 are clear (no
    /// unwaived finding), or the effective enforcement is Audit, which by contract reports and never withholds. An
    /// invalid spec is never trusted, in either mode: its rules were not evaluated and nothing rolls out.
    /// </summary>
    internal static bool DeclaredRulesTrusted(Assessment assessment)
    {
        if (assessment.SpecErrors.Count > 0)
        {
            return false;
        }

        return assessment.Enforcement == EnforcementModes.Audit
            || (assessment.IsClear(ControlIds.OpenIngress) && assessment.IsClear(ControlIds.EgressReach));
    }

    private static List<V1NetworkPolicyIngressRule> IngressRules(PlanningContext context, List<IngressRule>? declared)
    {
        if (declared is null)
        {
            return
            [
                new V1NetworkPolicyIngressRule
                {
                    FromProperty =
                    [
                        new V1NetworkPolicyPeer
                        {
                            PodSelector = new V1LabelSelector
                            {
                                MatchLabels = new Dictionary<string, string> { [ApiGroup.ClientOfLabel] = context.Name },
                            },
                        },
                    ],
                    Ports = [TcpPort(context.ServingPort)],
                },
            ];
        }

        return declared.OfType<IngressRule>()
            .Select(rule => new V1NetworkPolicyIngressRule
            {
                FromProperty = Peers(rule.From),
                // An empty port list would open every port of the pod; the declared default is the serving port.
                Ports = (rule.Ports is { Count: > 0 } ports ? ports : [context.ServingPort]).Select(TcpPort).ToList(),
            })
            .ToList();
    }

    private static List<V1NetworkPolicyEgressRule> EgressRules(List<EgressRule>? declared, bool allowDns)
    {
        var rules = (declared ?? []).OfType<EgressRule>()
            .Select(rule => new V1NetworkPolicyEgressRule
            {
                To = Peers(rule.To),
                Ports = rule.Ports is { Count: > 0 } ports ? ports.Select(TcpPort).ToList() : null,
            })
            .ToList();

        if (allowDns)
        {
            rules.Add(new V1NetworkPolicyEgressRule
            {
                To =
                [
                    new V1NetworkPolicyPeer
                    {
                        NamespaceSelector = new V1LabelSelector
                        {
                            MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "kube-system" },
                        },
                        PodSelector = new V1LabelSelector
                        {
                            MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "kube-dns" },
                        },
                    },
                ],
                Ports =
                [
                    new V1NetworkPolicyPort { Protocol = Udp, Port = DnsPort },
                    new V1NetworkPolicyPort { Protocol = Tcp, Port = DnsPort },
                ],
            });
        }

        return rules;
    }

    // Peers are copied 1:1; an empty or missing list stays empty (open), which AIG-NET-01/02 report.
    private static List<V1NetworkPolicyPeer>? Peers(List<NetworkPeer>? peers) =>
        peers is null
            ? null
            : peers.OfType<NetworkPeer>().Select(peer => new V1NetworkPolicyPeer
            {
                NamespaceSelector = CopySelector(peer.NamespaceSelector),
                PodSelector = CopySelector(peer.PodSelector),
                IpBlock = peer.IpBlock is null
                    ? null
                    : new V1IPBlock { Cidr = peer.IpBlock.Cidr, Except = peer.IpBlock.Except?.ToList() },
            }).ToList();

    // Copies so that a later mutation of the desired object never reaches back into the user's spec.
    private static V1LabelSelector? CopySelector(V1LabelSelector? selector) =>
        selector is null
            ? null
            : new V1LabelSelector
            {
                MatchLabels = selector.MatchLabels is null ? null : new Dictionary<string, string>(selector.MatchLabels),
                MatchExpressions = selector.MatchExpressions?.Select(e => new V1LabelSelectorRequirement
                {
                    Key = e.Key,
                    OperatorProperty = e.OperatorProperty,
                    Values = e.Values?.ToList(),
                }).ToList(),
            };

    private static V1NetworkPolicyPort TcpPort(int port) => new() { Protocol = Tcp, Port = port };
}
