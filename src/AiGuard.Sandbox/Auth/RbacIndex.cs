using System.Text.Json.Nodes;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// The live RBAC policy: Roles, ClusterRoles and bindings parsed once per write and bindings indexed by subject,
/// so deciding a request touches only the bindings of that user and its groups. Kept current by
/// <see cref="Apply"/> after every committed RBAC write; a write that arrives after a newer one for the same object
/// (two writers racing past the store lock) is ignored by resourceVersion.
/// </summary>
/// <remarks>The lock is never held while waiting on anything else, so readers may call in under a store lock.</remarks>
internal sealed class RbacIndex
{
    private readonly object gate = new();
    private readonly Dictionary<string, IReadOnlyList<PolicyRule>> roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClusterRoleEntry> clusterRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoleBindingEntry> bindings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RoleBindingEntry>> bySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> versions = new(StringComparer.Ordinal);

    public const string Group = "rbac.authorization.k8s.io";

    public static bool IsRbacKind(ResourceType type) =>
        type.Group == Group && type.Plural is "roles" or "clusterroles" or "rolebindings" or "clusterrolebindings";

    /// <summary>Takes a committed write of a Role, ClusterRole, RoleBinding or ClusterRoleBinding into the index.</summary>
    public void Apply(ResourceType type, WriteResult result)
    {
        var stored = result.After;
        var removed = result.Action == WriteAction.Remove;
        var key = type.Plural + "|" + stored.Key;
        var parsed = removed ? null : stored.Parse();
        lock (gate)
        {
            if (versions.TryGetValue(key, out var seen) && seen >= stored.ResourceVersion)
            {
                return;
            }

            versions[key] = stored.ResourceVersion;
            switch (type.Plural)
            {
                case "roles":
                    Set(roles, stored.Key, parsed is null ? null : PolicyRule.ListFrom(parsed));
                    break;
                case "clusterroles":
                    Set(clusterRoles, stored.Name, parsed is null ? null : new ClusterRoleEntry(stored.Name, stored.Labels, PolicyRule.ListFrom(parsed), AggregationSelectors(parsed)));
                    break;
                default:
                    Unindex(key);
                    if (parsed is not null)
                    {
                        Index(key, Binding(parsed, stored.Namespace));
                    }

                    break;
            }
        }
    }

    /// <summary>The rules of the Role (in <paramref name="ns"/>) or ClusterRole a roleRef names; null when it does not exist.</summary>
    public IReadOnlyList<PolicyRule>? RoleRules(string kind, string ns, string name)
    {
        lock (gate)
        {
            return RulesOf(kind, ns, name);
        }
    }

    public IReadOnlyList<ClusterRoleEntry> ClusterRoles()
    {
        lock (gate)
        {
            return clusterRoles.Values.ToList();
        }
    }

    /// <summary>Whether some binding of the user (or its groups) grants the request; the reason names that binding.</summary>
    public bool Allows(RequestAttributes request, out string reason)
    {
        lock (gate)
        {
            foreach (var (binding, subjectKey) in BindingsOf(request.User, request.Namespace))
            {
                var rules = RulesOf(binding.RoleKind, binding.Namespace, binding.RoleName);
                if (rules is not null && rules.Any(r => r.Allows(request)))
                {
                    reason = "RBAC: allowed by " + binding.Describe(subjectKey);
                    return true;
                }
            }
        }

        reason = "";
        return false;
    }

    /// <summary>Every rule the user holds in <paramref name="ns"/> (cluster-wide rules only when it is empty).</summary>
    public IReadOnlyList<PolicyRule> RulesFor(UserInfo user, string ns)
    {
        lock (gate)
        {
            var result = new List<PolicyRule>();
            foreach (var (binding, _) in BindingsOf(user, ns))
            {
                result.AddRange(RulesOf(binding.RoleKind, binding.Namespace, binding.RoleName) ?? []);
            }

            return result;
        }
    }

    private IEnumerable<(RoleBindingEntry Binding, string SubjectKey)> BindingsOf(UserInfo user, string ns)
    {
        foreach (var subjectKey in user.Groups.Select(RoleBindingEntry.GroupKey).Prepend(RoleBindingEntry.UserKey(user.Name)))
        {
            if (!bySubject.TryGetValue(subjectKey, out var list))
            {
                continue;
            }

            foreach (var binding in list)
            {
                if (binding.IsClusterWide || binding.Namespace == ns)
                {
                    yield return (binding, subjectKey);
                }
            }
        }
    }

    private IReadOnlyList<PolicyRule>? RulesOf(string kind, string ns, string name) => kind switch
    {
        "ClusterRole" => clusterRoles.GetValueOrDefault(name)?.Rules,
        "Role" when ns.Length > 0 => roles.GetValueOrDefault(StoredObject.KeyOf(ns, name)),
        _ => null,
    };

    private static void Set<T>(Dictionary<string, T> map, string key, T? value)
        where T : class
    {
        if (value is null)
        {
            map.Remove(key);
        }
        else
        {
            map[key] = value;
        }
    }

    private void Index(string key, RoleBindingEntry binding)
    {
        bindings[key] = binding;
        foreach (var subjectKey in binding.Subjects.Keys)
        {
            if (!bySubject.TryGetValue(subjectKey, out var list))
            {
                bySubject[subjectKey] = list = [];
            }

            list.Add(binding);
        }
    }

    private void Unindex(string key)
    {
        if (!bindings.Remove(key, out var old))
        {
            return;
        }

        foreach (var subjectKey in old.Subjects.Keys)
        {
            if (bySubject.TryGetValue(subjectKey, out var list))
            {
                list.Remove(old);
                if (list.Count == 0)
                {
                    bySubject.Remove(subjectKey);
                }
            }
        }
    }

    private static RoleBindingEntry Binding(JsonObject obj, string ns)
    {
        var roleRef = obj.GetObject("roleRef");
        var subjects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var subject in obj.GetArray("subjects")?.OfType<JsonObject>() ?? [])
        {
            var name = subject.GetString("name") ?? "";
            switch (subject.GetString("kind"))
            {
                case "User":
                    subjects[RoleBindingEntry.UserKey(name)] = $"User \"{name}\"";
                    break;
                case "Group":
                    subjects[RoleBindingEntry.GroupKey(name)] = $"Group \"{name}\"";
                    break;
                case "ServiceAccount":
                    var saNamespace = subject.GetString("namespace") is { Length: > 0 } given ? given : ns;
                    if (saNamespace.Length > 0)
                    {
                        subjects[RoleBindingEntry.UserKey(UserInfo.ServiceAccountName(saNamespace, name))] = $"ServiceAccount \"{name}/{saNamespace}\"";
                    }

                    break;
            }
        }

        return new RoleBindingEntry(ns, obj.GetObject("metadata").GetString("name") ?? "", roleRef.GetString("kind") ?? "", roleRef.GetString("name") ?? "", subjects);
    }

    private static List<LabelSelector>? AggregationSelectors(JsonObject clusterRole)
    {
        if (clusterRole.GetObject("aggregationRule") is not { } rule)
        {
            return null;
        }

        return rule.GetArray("clusterRoleSelectors")?.OfType<JsonObject>().Select(SelectorQuery.Parse).OfType<LabelSelector>().ToList() ?? [];
    }
}
