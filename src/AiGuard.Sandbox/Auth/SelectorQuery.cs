using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// Turns a metav1.LabelSelector object (matchLabels, matchExpressions) into the sandbox's query-syntax
/// <see cref="LabelSelector"/>, so aggregation rules select ClusterRoles with the same matcher lists use.
/// </summary>
internal static class SelectorQuery
{
    /// <summary>The selector, or null when it cannot match anything (unknown operator, malformed values).</summary>
    public static LabelSelector? Parse(JsonObject selector)
    {
        var terms = new List<string>();
        foreach (var (key, value) in selector.GetObject("matchLabels") ?? [])
        {
            terms.Add($"{key}={value?.ToString()}");
        }

        foreach (var expression in selector.GetArray("matchExpressions")?.OfType<JsonObject>() ?? [])
        {
            var key = expression.GetString("key") ?? "";
            var values = string.Join(",", expression.GetArray("values")?.Select(v => v?.ToString()) ?? []);
            string? term = expression.GetString("operator") switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                _ => null,
            };
            if (term is null)
            {
                return null;
            }

            terms.Add(term);
        }

        try
        {
            return LabelSelector.Parse(string.Join(",", terms));
        }
        catch (ApiException)
        {
            return null;
        }
    }
}
