using System.Text.Json.Nodes;
using AiGuard.Api;
using k8s;

namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>
/// KstatusReader computes an object's status the way sigs.k8s.io/cli-utils kstatus does for custom resources, from
/// the raw JSON the API server returns (not from our typed models, so a field the operator writes under the wrong
/// name counts as missing): Terminating while deleting; InProgress while the status or one of the kstatus
/// conditions describes an older generation; Failed while Stalled=True; InProgress while Reconciling=True; and, as
/// Flux adds for kinds that publish Ready, InProgress while Ready is not True; otherwise Current.
/// </summary>
public static class KstatusReader
{
    private static readonly string[] KstatusConditions = ["Ready", "Reconciling", "Stalled"];

    /// <summary>Reads the namespaced AiGuard object <paramref name="plural"/>/<paramref name="name"/> and computes its status.</summary>
    public static async Task<KstatusResult> ReadAsync(Kubernetes client, string plural, string ns, string name)
    {
        var raw = await client.CustomObjects.GetNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, ns, plural, name);
        return Compute(JsonNode.Parse(KubernetesJson.Serialize(raw))!.AsObject());
    }

    /// <summary>The kstatus rules over one object.</summary>
    public static KstatusResult Compute(JsonObject obj)
    {
        var metadata = obj["metadata"]!.AsObject();
        if (metadata["deletionTimestamp"] is not null)
        {
            return new(KstatusResult.Terminating, "Deleting", "deletionTimestamp is set");
        }

        var generation = metadata["generation"]?.GetValue<long>();
        if (obj["status"] is not JsonObject status)
        {
            return new(KstatusResult.InProgress, "NoStatus", "the controller has not written a status yet");
        }

        var observed = status["observedGeneration"]?.GetValue<long>();
        if (observed != generation)
        {
            return new(KstatusResult.InProgress, "LatestGenerationNotObserved", $"status.observedGeneration {observed} is not metadata.generation {generation}");
        }

        var conditions = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var condition in conditions.Where(c => KstatusConditions.Contains(Text(c, "type"))))
        {
            var conditionGeneration = condition["observedGeneration"]?.GetValue<long>();
            if (conditionGeneration is not null && conditionGeneration != generation)
            {
                return new(KstatusResult.InProgress, "LatestGenerationNotObserved", $"condition {Text(condition, "type")} describes generation {conditionGeneration}, not {generation}");
            }
        }

        JsonObject? Find(string type) => conditions.FirstOrDefault(c => Text(c, "type") == type);
        if (Find("Stalled") is { } stalled && Text(stalled, "status") == "True")
        {
            return new(KstatusResult.Failed, Text(stalled, "reason"), Text(stalled, "message"));
        }

        if (Find("Reconciling") is { } reconciling && Text(reconciling, "status") == "True")
        {
            return new(KstatusResult.InProgress, Text(reconciling, "reason"), Text(reconciling, "message"));
        }

        var ready = Find("Ready");
        if (ready is null || Text(ready, "status") != "True")
        {
            return new(KstatusResult.InProgress, ready is null ? "NoReadyCondition" : Text(ready, "reason"), ready is null ? "no Ready condition" : Text(ready, "message"));
        }

        return new(KstatusResult.Current, Text(ready, "reason"), Text(ready, "message"));
    }

    private static string Text(JsonObject condition, string field) => condition[field]?.GetValue<string>() ?? "";
}
