using System.Text.Json.Nodes;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>
/// Stands in for the disruption controller: recomputes the status of a namespace's PodDisruptionBudgets when a
/// budget, Pod or Deployment there changes. Pods count as expected when they match the selector and as healthy
/// when their Ready condition is True; as the sandbox creates no Pods for Deployments, each Deployment whose pod
/// template matches stands in for its pods (spec.replicas expected, status.readyReplicas healthy), so a simulated
/// rollout satisfies the budget the way the real Pods would. An unchanged status is not rewritten.
/// </summary>
internal static class DisruptionBudgetStatus
{
    public static void Refresh(Cluster cluster, string ns)
    {
        var registry = cluster.Registry.Current;
        if (ns.Length == 0 || registry.Find("policy", "v1", "poddisruptionbudgets") is not { } budgets)
        {
            return;
        }

        var (items, _) = cluster.StoreOf(budgets).Snapshot(ns);
        if (items.Count == 0)
        {
            return;
        }

        var pods = Parsed(cluster, registry.Find("", "v1", "pods"), ns);
        var deployments = Parsed(cluster, registry.Find("apps", "v1", "deployments"), ns);
        foreach (var budget in items)
        {
            cluster.Operations.SystemUpdate(budgets, budget.Key, obj => Update(obj, pods, deployments, cluster.Now), subresource: "status");
        }
    }

    /// <summary>A metav1.LabelSelector object in the query syntax; null when it uses an unknown operator. Empty selects everything.</summary>
    public static string? SelectorText(JsonObject? selector)
    {
        var terms = new List<string>();
        foreach (var (key, value) in selector.GetObject("matchLabels") ?? [])
        {
            terms.Add($"{key}={value}");
        }

        foreach (var expression in selector.GetArray("matchExpressions")?.OfType<JsonObject>() ?? [])
        {
            var key = expression.GetString("key") ?? "";
            var values = string.Join(",", expression.GetArray("values")?.Select(v => v?.ToString()) ?? []);
            switch (expression.GetString("operator"))
            {
                case "In": terms.Add($"{key} in ({values})"); break;
                case "NotIn": terms.Add($"{key} notin ({values})"); break;
                case "Exists": terms.Add(key); break;
                case "DoesNotExist": terms.Add("!" + key); break;
                default: return null;
            }
        }

        return string.Join(",", terms);
    }

    private static List<JsonObject> Parsed(Cluster cluster, ResourceType? type, string ns) =>
        type is null ? [] : cluster.StoreOf(type).Snapshot(ns).Items.Where(o => !o.IsDeleting).Select(o => o.Parse()).ToList();

    private static bool Update(JsonObject budget, List<JsonObject> pods, List<JsonObject> deployments, DateTime now)
    {
        var spec = budget.GetObject("spec");
        LabelSelector selector;
        try
        {
            selector = LabelSelector.Parse(SelectorText(spec.GetObject("selector")));
        }
        catch (Handlers.ApiException)
        {
            return false;
        }

        var expected = 0;
        var healthy = 0;
        foreach (var pod in pods.Where(p => selector.Matches(Labels(p.GetObject("metadata")))))
        {
            expected++;
            healthy += pod.GetObject("status").GetArray("conditions")?.OfType<JsonObject>()
                .Any(c => c.GetString("type") == "Ready" && c.GetString("status") == "True") == true ? 1 : 0;
        }

        foreach (var deployment in deployments.Where(d => selector.Matches(Labels(d.Select(".spec.template.metadata") as JsonObject))))
        {
            expected += (int)(deployment.GetObject("spec").GetInt64("replicas") ?? 1);
            healthy += (int)(deployment.GetObject("status").GetInt64("readyReplicas") ?? 0);
        }

        var desired = spec?["maxUnavailable"] is { } maxUnavailable && IntOrPercent.Parse(maxUnavailable) is { } max
            ? Math.Max(0, expected - max.Of(expected))
            : spec?["minAvailable"] is { } minAvailable && IntOrPercent.Parse(minAvailable) is { } min ? min.Of(expected) : 0;
        var allowed = expected <= 0 ? 0 : Math.Max(0, healthy - desired);
        var generation = budget.GetObject("metadata").GetInt64("generation") ?? 1;
        var old = budget.GetObject("status");
        var condition = new JsonObject
        {
            ["type"] = "DisruptionAllowed",
            ["status"] = allowed > 0 ? "True" : "False",
            ["observedGeneration"] = generation,
            ["lastTransitionTime"] = KubeJson.Timestamp(now),
            ["reason"] = allowed > 0 ? "SufficientPods" : "InsufficientPods",
            ["message"] = "",
        };
        var previous = old?.GetArray("conditions")?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == "DisruptionAllowed");
        if (previous is not null && previous.GetString("status") == condition.GetString("status"))
        {
            condition["lastTransitionTime"] = previous["lastTransitionTime"]?.DeepClone();
        }

        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["disruptionsAllowed"] = allowed,
            ["currentHealthy"] = healthy,
            ["desiredHealthy"] = desired,
            ["expectedPods"] = expected,
            ["conditions"] = new JsonArray(condition),
        };
        if (old is not null && JsonSemantics.AreEqual(old, status))
        {
            return false;
        }

        budget["status"] = status;
        return true;
    }

    private static Dictionary<string, string> Labels(JsonObject? metadata) =>
        metadata.GetObject("labels")?.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal)
        ?? new Dictionary<string, string>();
}
