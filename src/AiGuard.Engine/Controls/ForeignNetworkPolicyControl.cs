using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-NET-03: no NetworkPolicy that a ModelDeployment does not control (<see cref="Ownership"/>) may add rules for the
/// model's pods. NetworkPolicies are additive, so any rule in a foreign policy that selects the pods widens what the
/// model's own policy allows; a managed-by label on it changes nothing.
/// </summary>
internal sealed class ForeignNetworkPolicyControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.ForeignNetworkPolicy,
        ConditionTypes.NetworkIsolated,
        Severities.Medium,
        "No other NetworkPolicy widens the model's access",
        "remove the NetworkPolicy or narrow its podSelector so that it does not select the model's pods; declare the model's traffic in spec.network instead",
        ControlScope.ClusterOnly);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        if (context.Cluster is null)
        {
            return null;
        }

        var podLabels = PodLabels(context.Name);
        var existing = context.Cluster.ModelDeployments;
        return (context.Cluster.NetworkPolicies ?? [])
            .Where(p => p is not null)
            .Where(p => (p.Metadata?.NamespaceProperty ?? context.Namespace) == context.Namespace)
            .Where(p => !Ownership.IsPlannedChildOfModelDeployment(p.Metadata, context.Namespace, existing, model => [model]))
            .Where(p => LabelSelectorMatcher.Matches(p.Spec?.PodSelector, podLabels))
            .Where(p => p.Spec?.Ingress is { Count: > 0 } || p.Spec?.Egress is { Count: > 0 })
            .Select(p => new Violation(
                $"NetworkPolicy {p.Metadata?.Name} selects the model's pods and adds {Describe(p.Spec!.Ingress?.Count ?? 0, p.Spec.Egress?.Count ?? 0)}, widening its access"))
            .ToList();
    }

    /// <summary>The labels the planner puts on the model's pods.</summary>
    public static IReadOnlyDictionary<string, string> PodLabels(string name) => new Dictionary<string, string>
    {
        [ApiGroup.NameLabel] = name,
        [ApiGroup.ModelDeploymentLabel] = name,
        [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue,
    };

    private static string Describe(int ingress, int egress) => (ingress, egress) switch
    {
        ( > 0, > 0) => $"{ingress} ingress and {egress} egress rule(s)",
        ( > 0, _) => $"{ingress} ingress rule(s)",
        _ => $"{egress} egress rule(s)",
    };
}
