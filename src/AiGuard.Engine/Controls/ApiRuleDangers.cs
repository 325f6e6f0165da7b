using k8s.Models;

namespace AiGuard.Engine.Controls;

/// <summary>
/// ApiRuleDangers holds AIG-RBAC-02's catalog of dangerous grants and says which of them one PolicyRule makes.
/// Entries are compared trimmed and case-insensitively, and a resource by its name in any API group: Kubernetes
/// itself matches exactly, so this only ever errs on the strict side (a rule naming " Secrets" grants nothing
/// today, but says what its author meant). Empty entries name nothing.
/// </summary>
public static class ApiRuleDangers
{
    /// <summary>Resources that any verb makes dangerous: secret material, tokens, shells and node access.</summary>
    public static readonly IReadOnlyList<string> AnyVerbResources =
    [
        "secrets", "serviceaccounts/token", "pods/exec", "pods/attach", "pods/portforward", "pods/proxy",
        "pods/ephemeralcontainers", "services/proxy", "nodes",
    ];

    /// <summary>Verbs that let an identity grant itself more than it holds.</summary>
    public static readonly IReadOnlyList<string> EscalationVerbs = ["escalate", "bind", "impersonate"];

    /// <summary>Verbs that change objects.</summary>
    public static readonly IReadOnlyList<string> WriteVerbs = ["create", "update", "patch", "delete", "deletecollection"];

    /// <summary>Resources whose writes run code, widen access or change the guardrails themselves.</summary>
    public static readonly IReadOnlyList<string> WriteProtectedResources =
    [
        "pods", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "networkpolicies",
        "roles", "rolebindings", "clusterroles", "clusterrolebindings", "mutatingwebhookconfigurations",
        "validatingwebhookconfigurations", "validatingadmissionpolicies", "validatingadmissionpolicybindings",
        "customresourcedefinitions", "modeldeployments", "guardpolicies", "guardexceptions",
    ];

    /// <summary>Why <paramref name="rule"/> is dangerous, one reason per kind of danger; empty when it is not.</summary>
    public static IEnumerable<string> Of(V1PolicyRule rule)
    {
        var groups = Normalize(rule.ApiGroups);
        var resources = Normalize(rule.Resources);
        var verbs = Normalize(rule.Verbs);

        // '*' inside an entry counts too: RBAC matches "*/scale" against every resource's scale subresource.
        var wildcards = groups.Concat(resources).Concat(verbs).Where(e => e.Contains('*', StringComparison.Ordinal)).Distinct().ToList();
        if (wildcards.Count > 0)
        {
            yield return $"uses the wildcard '*' ({string.Join(", ", wildcards)})";
        }

        // Any entry counts, even an empty one: nonResourceURLs have no place in a model's namespaced Role.
        if (rule.NonResourceURLs is { Count: > 0 })
        {
            yield return "names nonResourceURLs, which reach the API server's own endpoints";
        }

        var sensitive = resources.Where(IsAnyVerbResource).ToList();
        if (sensitive.Count > 0)
        {
            yield return $"names {string.Join(", ", sensitive)}, which expose secrets, tokens, shells or nodes whatever the verb";
        }

        var escalation = verbs.Where(EscalationVerbs.Contains).ToList();
        if (escalation.Count > 0)
        {
            yield return $"grants {string.Join(", ", escalation)}, which lets the identity escalate its privileges";
        }

        var writes = verbs.Where(WriteVerbs.Contains).ToList();
        var protectedResources = resources.Where(r => WriteProtectedResources.Contains(BaseName(r))).ToList();
        if (writes.Count > 0 && protectedResources.Count > 0)
        {
            yield return $"grants {string.Join(", ", writes)} on {string.Join(", ", protectedResources)}, which runs workloads, widens access or changes guardrails";
        }
    }

    /// <summary>The rule's non-empty entries, trimmed and lower-cased, each once, in order.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string?>? entries) =>
        (entries ?? [])
            .Select(e => e?.Trim().ToLowerInvariant())
            .OfType<string>()
            .Where(e => e.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    // "secrets" and any subresource of it; "nodes" and every nodes/ subresource (proxy, log, stats...).
    private static bool IsAnyVerbResource(string resource) =>
        AnyVerbResources.Contains(resource) || BaseName(resource) is "secrets" or "nodes";

    // A write on a subresource writes the resource: deployments/scale adds pods, pods/eviction deletes them.
    private static string BaseName(string resource) =>
        resource.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? resource[..slash] : resource;
}
