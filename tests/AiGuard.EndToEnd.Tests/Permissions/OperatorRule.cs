using k8s.Models;

namespace AiGuard.EndToEnd.Tests.Permissions;

/// <summary>One rule of a role the operator's ServiceAccount is bound to, by its position in that role.</summary>
internal sealed record OperatorRule(string Kind, string Role, int Index, V1PolicyRule Rule)
{
    /// <summary>Where the rule is, e.g. <c>ClusterRole/rel-aiguard-operator-namespaced[3]</c>.</summary>
    public string Id => $"{Kind}/{Role}[{Index}]";

    public override string ToString()
    {
        var names = Rule.ResourceNames is { Count: > 0 } listed ? $" names={string.Join(',', listed)}" : "";
        var groups = string.Join(',', (Rule.ApiGroups ?? []).Select(g => g.Length == 0 ? "core" : g));
        return $"{Id} ({groups}: {string.Join(',', Rule.Resources ?? [])}: {string.Join(',', Rule.Verbs ?? [])}{names})";
    }
}
