using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Networking;
using AiGuard.Engine.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-NET-02: egress reaches only named, private destinations, never link-local metadata endpoints, and stays
/// inside every policy's allowedEgressCIDRs. An ipBlock's <c>except</c> list is deliberately ignored: a block that
/// reaches a public address fails even if that address is excepted, because judging the remainder exactly is easy
/// to get subtly wrong and the safe reading costs only a narrower rule.
/// </summary>
internal sealed class EgressReachControl : IControl
{
    private static readonly Func<GuardPolicySpec, bool?> AllowPublicEgress = spec => spec.Network?.AllowPublicEgress;

    public ControlDefinition Definition { get; } = new(
        ControlIds.EgressReach,
        ConditionTypes.NetworkIsolated,
        Severities.High,
        "Egress reaches only named private destinations",
        "list specific private destinations under spec.network.egress[].to (never 169.254.0.0/16 or fe80::/10); public endpoints need every applicable GuardPolicy to set network.allowPublicEgress",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var violations = new List<Violation>();
        var rules = context.Spec.Network?.Egress ?? [];
        var publicAllowed = context.Policies.AllRelax(Definition.Id, AllowPublicEgress);
        var cidrLimits = context.Policies.Constraining(Definition.Id)
            .Where(p => p.Spec?.Network?.AllowedEgressCidrs is { Count: > 0 })
            .Select(p => (Policy: ApplicablePolicies.NameOf(p), Allowed: ParseAll(p.Spec.Network!.AllowedEgressCidrs!)))
            .ToList();

        for (var i = 0; i < rules.Count; i++)
        {
            var field = $"spec.network.egress[{i}]";
            var peers = rules[i]?.To;
            if (peers is null || peers.Count == 0)
            {
                violations.Add(new Violation($"{field} has no 'to': the model can connect to any address"));
                continue;
            }

            for (var j = 0; j < peers.Count; j++)
            {
                if (peers[j]?.IpBlock is not { } block || !Cidr.TryParse(block.Cidr, out var cidr))
                {
                    continue;
                }

                var blockField = $"{field}.to[{j}].ipBlock {block.Cidr}";
                foreach (var linkLocal in AddressRanges.LinkLocal.Where(cidr.Overlaps))
                {
                    violations.Add(new Violation(
                        $"{blockField} overlaps the link-local range {linkLocal} (cloud metadata endpoints such as 169.254.169.254)",
                        Remediation: "remove link-local addresses from the egress ipBlock; metadata endpoints hand out cloud credentials"));
                }

                if (!publicAllowed && AddressRanges.ReachesPublic(cidr))
                {
                    violations.Add(new Violation(
                        $"{blockField} reaches public addresses (outside 10/8, 172.16/12, 192.168/16, 100.64/10 and fc00::/7)",
                        context.Policies.Refusing(Definition.Id, AllowPublicEgress)));
                }

                foreach (var (policy, allowed) in cidrLimits.Where(limit => !limit.Allowed.Any(a => a.Contains(cidr))))
                {
                    violations.Add(new Violation(
                        $"{blockField} is not inside the egress CIDRs policy {policy} allows ({string.Join(", ", allowed)})",
                        policy,
                        $"narrow the ipBlock to lie inside one of {string.Join(", ", allowed)}"));
                }
            }
        }

        return violations;
    }

    // A malformed CIDR in a policy allows nothing rather than everything.
    private static List<Cidr> ParseAll(IEnumerable<string> texts) =>
        texts.Select(t => Cidr.TryParse(t, out var c) ? (Cidr?)c : null).OfType<Cidr>().ToList();
}
