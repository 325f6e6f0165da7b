using AiGuard.Engine.Controls;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// BindingReach names the ServiceAccounts a RoleBinding's or ClusterRoleBinding's subjects reach, as keys for the
/// RoleBinding index and for routing binding events: a ServiceAccount (<c>namespace/name</c>, also when named as the
/// User <c>system:serviceaccount:namespace:name</c>), every ServiceAccount of a namespace (the Group
/// <c>system:serviceaccounts:namespace</c>), or every ServiceAccount of the cluster (<c>system:serviceaccounts</c>,
/// <c>system:authenticated</c>, <c>system:unauthenticated</c>). A binding grants its rights to whatever it names, in its
/// own namespace, so a binding in any namespace that reaches a model's ServiceAccount matters to AIG-RBAC-03. This only
/// decides which bindings the engine sees and which models wake up; whether one is a finding is the engine's rule.
/// </summary>
public static class BindingReach
{
    /// <summary>The key of a binding that reaches every ServiceAccount of the cluster.</summary>
    public const string EveryServiceAccount = "*";

    private const string ServiceAccountUserPrefix = "system:serviceaccount:";
    private const string NamespaceGroupPrefix = ServiceAccountGroups.NamespacePrefix;

    /// <summary>The key of a binding that reaches the ServiceAccount <paramref name="name"/> of <paramref name="namespace"/>.</summary>
    public static string ServiceAccount(string @namespace, string name) => $"{@namespace}/{name}";

    /// <summary>The key of a binding that reaches every ServiceAccount of <paramref name="namespace"/>.</summary>
    public static string EveryServiceAccountOf(string @namespace) => $"{@namespace}/*";

    /// <summary>The keys a model's ServiceAccount (named like the model) is reached through.</summary>
    public static IReadOnlyList<string> KeysReaching(string @namespace, string name) =>
        [ServiceAccount(@namespace, name), EveryServiceAccountOf(@namespace), EveryServiceAccount];

    /// <summary>The keys <paramref name="binding"/>'s subjects reach; a subject ServiceAccount without a namespace is in the binding's.</summary>
    public static IReadOnlyList<string> Of(V1RoleBinding binding) => Of(binding?.Subjects, binding?.Metadata?.NamespaceProperty);

    /// <summary>The keys <paramref name="binding"/>'s subjects reach (a ClusterRoleBinding has no namespace of its own).</summary>
    public static IReadOnlyList<string> Of(V1ClusterRoleBinding binding) => Of(binding?.Subjects, null);

    private static IReadOnlyList<string> Of(IEnumerable<Rbacv1Subject?>? subjects, string? bindingNamespace)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var subject in subjects ?? [])
        {
            if (Key(subject, bindingNamespace) is { } key)
            {
                keys.Add(key);
            }
        }

        return [.. keys];
    }

    // Kinds compare loosely, as the engine's AIG-RBAC-03 does: passing the engine one binding too many costs nothing,
    // one too few hides a grant.
    private static string? Key(Rbacv1Subject? subject, string? bindingNamespace)
    {
        if (subject is null || string.IsNullOrEmpty(subject.Name))
        {
            return null;
        }

        var name = subject.Name;
        if (Is(subject, "ServiceAccount"))
        {
            var ns = string.IsNullOrEmpty(subject.NamespaceProperty) ? bindingNamespace : subject.NamespaceProperty;
            return string.IsNullOrEmpty(ns) ? null : ServiceAccount(ns, name);
        }

        if (Is(subject, "User") && name.StartsWith(ServiceAccountUserPrefix, StringComparison.Ordinal))
        {
            var parts = name[ServiceAccountUserPrefix.Length..].Split(':');
            return parts is [{ Length: > 0 } ns, { Length: > 0 } account] ? ServiceAccount(ns, account) : null;
        }

        if (Is(subject, "Group"))
        {
            if (ServiceAccountGroups.Everyone.Contains(name, StringComparer.Ordinal))
            {
                return EveryServiceAccount;
            }

            if (name.StartsWith(NamespaceGroupPrefix, StringComparison.Ordinal) && name.Length > NamespaceGroupPrefix.Length)
            {
                return EveryServiceAccountOf(name[NamespaceGroupPrefix.Length..]);
            }
        }

        return null;
    }

    private static bool Is(Rbacv1Subject subject, string kind) => string.Equals(subject.Kind, kind, StringComparison.OrdinalIgnoreCase);
}
