using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Networking;
using AiGuard.Engine.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>AIG-NET-01: no ingress rule may be open to everyone.</summary>
internal sealed class OpenIngressControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.OpenIngress,
        ConditionTypes.NetworkIsolated,
        Severities.High,
        "Ingress is limited to named callers",
        "restrict spec.network.ingress[].from to specific namespaces and pods (a namespaceSelector with labels plus a podSelector), or remove the rule so that only pods labelled aiguard.io/client-of=<name> may call the model",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var violations = new List<Violation>();
        var rules = context.Spec.Network?.Ingress ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var field = $"spec.network.ingress[{i}]";
            var peers = rules[i]?.From;
            if (peers is null || peers.Count == 0)
            {
                violations.Add(new Violation($"{field} has no 'from': every pod and address that reaches the cluster network can call the model"));
                continue;
            }

            for (var j = 0; j < peers.Count; j++)
            {
                var peer = peers[j];
                if (peer is null)
                {
                    continue;
                }

                if (LabelSelectorMatcher.IsEmpty(peer.NamespaceSelector) && peer.PodSelector is null)
                {
                    violations.Add(new Violation($"{field}.from[{j}] selects every pod of every namespace (namespaceSelector: {{}} without a podSelector)"));
                }

                if (peer.IpBlock is { } block && Cidr.TryParse(block.Cidr, out var cidr) && cidr.ContainsEveryAddress)
                {
                    violations.Add(new Violation($"{field}.from[{j}].ipBlock {block.Cidr} admits every address"));
                }
            }
        }

        return violations;
    }
}
