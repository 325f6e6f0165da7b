using k8s.Models;

namespace AiGuard.Engine.Policies;

/// <summary>
/// LabelSelectorMatcher evaluates a Kubernetes label selector (matchLabels and matchExpressions with In, NotIn,
/// Exists, DoesNotExist). A null or empty selector matches everything, as for namespaceSelector and podSelector.
/// </summary>
public static class LabelSelectorMatcher
{
    /// <summary>
    /// True when <paramref name="labels"/> satisfy the selector. An expression with an unknown operator matches
    /// nothing: the API server would reject such a selector, so it must not silently widen anything.
    /// </summary>
    public static bool Matches(V1LabelSelector? selector, IReadOnlyDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return true;
        }

        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (key is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            if (expression is null || !Matches(expression, labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a selector with neither matchLabels nor matchExpressions (it selects everything).</summary>
    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is not null
        && (selector.MatchLabels is null || selector.MatchLabels.Count == 0)
        && (selector.MatchExpressions is null || selector.MatchExpressions.Count == 0);

    private static bool Matches(V1LabelSelectorRequirement expression, IReadOnlyDictionary<string, string> labels)
    {
        if (expression.Key is null)
        {
            return false;
        }

        var has = labels.TryGetValue(expression.Key, out var actual);
        var values = expression.Values ?? [];
        return expression.OperatorProperty switch
        {
            "In" => has && values.Contains(actual),
            "NotIn" => !has || !values.Contains(actual),
            "Exists" => has,
            "DoesNotExist" => !has,
            _ => false,
        };
    }
}
