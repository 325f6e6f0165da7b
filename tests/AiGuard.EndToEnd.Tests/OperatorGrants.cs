using k8s.Models;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// What a set of rendered manifests grants one ServiceAccount, and where: every ClusterRoleBinding and RoleBinding
/// naming it, resolved to the rules of its role. <see cref="Allows"/> answers like the RBAC authorizer (and like the
/// escalation check, which splits a rule into single group/resource/verb/name grants and wants each one held).
/// </summary>
internal sealed class OperatorGrants
{
    /// <summary>The scope of cluster-wide grants.</summary>
    public const string Cluster = "*";

    private readonly List<(string Scope, V1PolicyRule Rule)> _grants = [];

    public OperatorGrants(IEnumerable<object> objects, string serviceAccount, string @namespace)
    {
        var all = objects.ToList();
        var clusterRoles = all.OfType<V1ClusterRole>().ToDictionary(r => r.Metadata.Name, r => r.Rules ?? []);
        var roles = all.OfType<V1Role>().ToDictionary(r => (r.Metadata.NamespaceProperty, r.Metadata.Name), r => r.Rules ?? []);
        bool Names(IEnumerable<Rbacv1Subject>? subjects) =>
            (subjects ?? []).Any(s => s.Kind == "ServiceAccount" && s.Name == serviceAccount && s.NamespaceProperty == @namespace);

        foreach (var binding in all.OfType<V1ClusterRoleBinding>().Where(b => Names(b.Subjects)))
        {
            Assert.True(binding.RoleRef.Kind == "ClusterRole", $"ClusterRoleBinding {binding.Metadata.Name} refers to a {binding.RoleRef.Kind}");
            Assert.True(clusterRoles.TryGetValue(binding.RoleRef.Name, out var rules), $"ClusterRoleBinding {binding.Metadata.Name} refers to a ClusterRole that is not installed");
            _grants.AddRange(rules.Select(r => (Cluster, r)));
        }

        foreach (var binding in all.OfType<V1RoleBinding>().Where(b => Names(b.Subjects)))
        {
            var ns = binding.Metadata.NamespaceProperty;
            var rules = binding.RoleRef.Kind == "ClusterRole"
                ? clusterRoles.GetValueOrDefault(binding.RoleRef.Name)
                : roles.GetValueOrDefault((ns, binding.RoleRef.Name));
            Assert.True(rules is not null, $"RoleBinding {ns}/{binding.Metadata.Name} refers to {binding.RoleRef.Kind} {binding.RoleRef.Name}, which is not installed");
            _grants.AddRange(rules.Select(r => (ns, r)));
        }
    }

    /// <summary>Every rule granted, with its scope (<see cref="Cluster"/> or a namespace).</summary>
    public IReadOnlyList<(string Scope, V1PolicyRule Rule)> Rules => _grants;

    /// <summary>The scopes in which <paramref name="verb"/> on <paramref name="resource"/> is allowed for any object.</summary>
    public IReadOnlyList<string> ScopesAllowing(string group, string resource, string verb) =>
        [.. _grants.Where(g => Matches(g.Rule, group, resource, verb, name: null)).Select(g => g.Scope).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>True when the rules held in <paramref name="scope"/> (cluster-wide ones count everywhere) cover all of <paramref name="wanted"/>.</summary>
    public bool Allows(string scope, V1PolicyRule wanted) => Covers(_grants.Where(g => g.Scope == Cluster || g.Scope == scope).Select(g => g.Rule), wanted);

    /// <summary>True when <paramref name="held"/> covers every group/resource/verb/name combination <paramref name="wanted"/> grants.</summary>
    public static bool Covers(IEnumerable<V1PolicyRule> held, V1PolicyRule wanted)
    {
        var rules = held.ToList();
        IEnumerable<string?> names = wanted.ResourceNames is { Count: > 0 } listed ? listed : [null];
        return (from g in wanted.ApiGroups ?? []
                from r in wanted.Resources ?? []
                from v in wanted.Verbs ?? []
                from n in names
                select (g, r, v, n)).All(atom => rules.Any(rule => Matches(rule, atom.g, atom.r, atom.v, atom.n)));
    }

    private static bool Matches(V1PolicyRule rule, string group, string resource, string verb, string? name) =>
        Has(rule.ApiGroups, group) && Has(rule.Resources, resource) && Has(rule.Verbs, verb)
        && (rule.ResourceNames is not { Count: > 0 } || (name is not null && rule.ResourceNames.Contains(name)));

    private static bool Has(IList<string>? values, string value) => values is not null && (values.Contains(value) || values.Contains("*"));
}
