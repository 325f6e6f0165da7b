using AiGuard.Api.Policies;

namespace AiGuard.Engine.Policies;

/// <summary>PolicySelector picks the GuardPolicies whose namespaceSelector matches a namespace's labels.</summary>
public static class PolicySelector
{
    /// <summary>True when the policy applies to a namespace with these labels (absent or empty selector: every namespace).</summary>
    public static bool Applies(GuardPolicy policy, IReadOnlyDictionary<string, string>? namespaceLabels) =>
        policy is not null && LabelSelectorMatcher.Matches(policy.Spec?.NamespaceSelector, namespaceLabels);

    /// <summary>The applicable policies, sorted by name so that every caller sees the same order.</summary>
    public static IReadOnlyList<GuardPolicy> Select(IEnumerable<GuardPolicy?>? policies, IReadOnlyDictionary<string, string>? namespaceLabels) =>
        (policies ?? [])
            .OfType<GuardPolicy>()
            .Where(p => Applies(p, namespaceLabels))
            .OrderBy(p => p.Metadata?.Name ?? "", StringComparer.Ordinal)
            .ToList();
}
