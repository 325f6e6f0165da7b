using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>Pods: at least one container, phase Pending on create (no kubelet runs them); disruption budgets count them.</summary>
internal sealed class PodStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj)
    {
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
        var spec = obj.GetOrAddObject("spec");
        spec["restartPolicy"] ??= "Always";
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["serviceAccountName"] ??= "default";
        spec["terminationGracePeriodSeconds"] ??= 30;
    }

    public override void Validate(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        var containers = obj.GetObject("spec").GetArray("containers");
        if (containers is null || containers.Count == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", "spec.containers"));
            return;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i] is not JsonObject c || string.IsNullOrEmpty(c.GetString("name")))
            {
                causes.Add(new StatusCause("FieldValueRequired", "Required value", $"spec.containers[{i}].name"));
            }
            else if (string.IsNullOrEmpty(c.GetString("image")))
            {
                causes.Add(new StatusCause("FieldValueRequired", "Required value", $"spec.containers[{i}].image"));
            }
        }
    }

    public override void AfterWrite(Cluster cluster, ResourceType type, WriteResult result) =>
        DisruptionBudgetStatus.Refresh(cluster, result.After.Namespace);
}
