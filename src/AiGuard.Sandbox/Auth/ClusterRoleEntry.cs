using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// A ClusterRole as the RBAC index keeps it: its rules, labels (which aggregating roles select) and, when it has an
/// aggregationRule, the selectors whose matching ClusterRoles' rules it is the union of.
/// </summary>
internal sealed record ClusterRoleEntry(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<PolicyRule> Rules,
    IReadOnlyList<LabelSelector>? AggregationSelectors);
