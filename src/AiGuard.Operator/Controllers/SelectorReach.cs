using AiGuard.Api;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// SelectorReach files a NetworkPolicy under the one model whose pods its podSelector can select, or under every model
/// of its namespace. A model's pods carry its name in <see cref="ApiGroup.ModelDeploymentLabel"/> and
/// <see cref="ApiGroup.NameLabel"/>, so a policy whose matchLabels require another value in either label never selects
/// them; every other policy (no selector, only expressions, other labels) might. Reconciling one model then reads the
/// policies that may select it instead of every policy of its namespace, which made each reconcile cost as much as its
/// namespace is large. This only narrows what the engine sees; whether a policy is a finding is the engine's rule
/// (AIG-NET-03), which would drop the others anyway.
/// </summary>
public static class SelectorReach
{
    private const string AnyModel = "*";

    /// <summary>The key of policies that select only pods of the model <paramref name="name"/> in <paramref name="namespace"/>.</summary>
    public static string Model(string @namespace, string name) => $"{@namespace}/{name}";

    /// <summary>The key of policies that may select the pods of any model of <paramref name="namespace"/>.</summary>
    public static string EveryModelOf(string @namespace) => $"{@namespace}/{AnyModel}";

    /// <summary>The keys of the policies that may select the pods of model <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> KeysSelecting(string @namespace, string name) =>
        [Model(@namespace, name), EveryModelOf(@namespace)];

    /// <summary>The one key <paramref name="policy"/> is filed under (none without a namespace).</summary>
    public static IEnumerable<string> Of(V1NetworkPolicy policy)
    {
        if (policy?.Metadata?.NamespaceProperty is not { Length: > 0 } ns)
        {
            return [];
        }

        var required = policy.Spec?.PodSelector?.MatchLabels;
        return required is not null
            && (required.TryGetValue(ApiGroup.ModelDeploymentLabel, out var model) || required.TryGetValue(ApiGroup.NameLabel, out model))
            && model is not null
            ? [Model(ns, model)]
            : [EveryModelOf(ns)];
    }
}
