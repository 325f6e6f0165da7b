using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Patching;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>
/// Deployments: apps/v1 defaults, a required selector that matches the template labels and never changes,
/// and (when workload simulation is on) a status that becomes Available shortly after each change.
/// </summary>
internal sealed class DeploymentStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj) => ApplyDefaults(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => ApplyDefaults(obj);

    private static void ApplyDefaults(JsonObject obj)
    {
        var spec = obj.GetOrAddObject("spec");
        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        if (spec["strategy"] is null)
        {
            spec["strategy"] = new JsonObject
            {
                ["type"] = "RollingUpdate",
                ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" },
            };
        }

        var podSpec = spec.GetObject("template").GetObject("spec");
        if (podSpec is not null)
        {
            podSpec["restartPolicy"] ??= "Always";
            podSpec["dnsPolicy"] ??= "ClusterFirst";
            podSpec["schedulerName"] ??= "default-scheduler";
            podSpec["terminationGracePeriodSeconds"] ??= 30;
        }
    }

    public override void Validate(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        var spec = obj.GetObject("spec");
        var selector = spec.GetObject("selector");
        if (selector is null || (selector.GetObject("matchLabels") is not { Count: > 0 } && selector.GetArray("matchExpressions") is not { Count: > 0 }))
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", "spec.selector"));
        }
        else
        {
            var labels = spec.GetObject("template").GetObject("metadata").GetObject("labels");
            foreach (var (key, value) in selector.GetObject("matchLabels") ?? [])
            {
                if (labels?.GetString(key) != value?.ToString())
                {
                    causes.Add(new StatusCause("FieldValueInvalid", "`selector` does not match template `labels`", "spec.template.metadata.labels"));
                    break;
                }
            }
        }

        if (spec.GetObject("template").GetObject("spec").GetArray("containers") is not { Count: > 0 })
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", "spec.template.spec.containers"));
        }

        if (old is not null && !JsonSemantics.AreEqual(selector, old.GetObject("spec").GetObject("selector")))
        {
            causes.Add(new StatusCause("FieldValueInvalid", "field is immutable", "spec.selector"));
        }
    }

    public override void AfterWrite(Cluster cluster, ResourceType type, WriteResult result)
    {
        if (result.Action == WriteAction.Put)
        {
            cluster.Workloads?.Changed(type, result.After);
        }

        // Simulated Deployments stand in for their Pods in disruption budgets.
        DisruptionBudgetStatus.Refresh(cluster, result.After.Namespace);
    }
}
