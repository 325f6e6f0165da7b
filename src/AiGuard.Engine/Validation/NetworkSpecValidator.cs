using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Networking;

namespace AiGuard.Engine.Validation;

/// <summary>NetworkSpecValidator checks spec.network as a NetworkPolicy would be checked: peers, CIDRs and ports.</summary>
internal static class NetworkSpecValidator
{
    public static void Validate(NetworkSpec? network, SpecErrorList errors)
    {
        if (network is null)
        {
            return;
        }

        var ingress = network.Ingress ?? [];
        for (var i = 0; i < ingress.Count; i++)
        {
            var field = $"spec.network.ingress[{i}]";
            if (ingress[i] is not { } rule)
            {
                errors.Add(field, "an ingress rule must not be null");
                continue;
            }

            Peers($"{field}.from", rule.From, errors);
            Ports($"{field}.ports", rule.Ports, errors);
        }

        var egress = network.Egress ?? [];
        for (var i = 0; i < egress.Count; i++)
        {
            var field = $"spec.network.egress[{i}]";
            if (egress[i] is not { } rule)
            {
                errors.Add(field, "an egress rule must not be null");
                continue;
            }

            Peers($"{field}.to", rule.To, errors);
            Ports($"{field}.ports", rule.Ports, errors);
        }
    }

    private static void Peers(string field, List<NetworkPeer>? peers, SpecErrorList errors)
    {
        for (var j = 0; j < (peers?.Count ?? 0); j++)
        {
            var peerField = $"{field}[{j}]";
            var peer = peers![j];
            if (peer is null || (peer.IpBlock is null && peer.NamespaceSelector is null && peer.PodSelector is null))
            {
                errors.Add(peerField, "a peer needs a podSelector, a namespaceSelector or an ipBlock");
                continue;
            }

            if (peer.IpBlock is { } block)
            {
                if (peer.NamespaceSelector is not null || peer.PodSelector is not null)
                {
                    errors.Add(peerField, "ipBlock cannot be combined with podSelector or namespaceSelector in one peer; use two peers");
                }

                IpBlock($"{peerField}.ipBlock", block, errors);
            }
        }
    }

    private static void IpBlock(string field, IpBlock block, SpecErrorList errors)
    {
        if (!Cidr.TryParse(block.Cidr, out var cidr, out var error))
        {
            errors.Add($"{field}.cidr", error);
            return;
        }

        var excepts = block.Except ?? [];
        for (var k = 0; k < excepts.Count; k++)
        {
            if (!Cidr.TryParse(excepts[k], out var excluded, out var exceptError))
            {
                errors.Add($"{field}.except[{k}]", exceptError);
            }
            else if (!cidr.Contains(excluded) || excluded.PrefixLength <= cidr.PrefixLength)
            {
                errors.Add($"{field}.except[{k}]", $"{excepts[k]} must lie strictly inside {block.Cidr}");
            }
        }
    }

    private static void Ports(string field, List<int>? ports, SpecErrorList errors)
    {
        for (var k = 0; k < (ports?.Count ?? 0); k++)
        {
            errors.Range($"{field}[{k}]", ports![k], 1, 65535);
        }
    }
}
