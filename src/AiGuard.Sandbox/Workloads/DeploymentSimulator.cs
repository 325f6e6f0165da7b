using System.Text.Json.Nodes;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Workloads;

/// <summary>
/// Stands in for the deployment controller and kubelets: a while after a Deployment changes, its status reports
/// every replica updated, ready and available, with observedGeneration and Available/Progressing conditions
/// (what kubectl rollout status, helm --wait and kstatus check).
/// </summary>
internal sealed class DeploymentSimulator(Cluster cluster, TimeSpan delay)
{
    public void Changed(ResourceType type, StoredObject deployment)
    {
        if (deployment.IsDeleting)
        {
            return;
        }

        var obj = deployment.Parse();
        if (IsSettled(obj))
        {
            return;
        }

        var key = deployment.Key;
        _ = Task.Delay(delay, cluster.Stopping).ContinueWith(
            _ => cluster.Operations.SystemUpdate(type, key, Settle, subresource: "status"),
            cluster.Stopping,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    private static long Replicas(JsonObject obj) => obj.GetObject("spec").GetInt64("replicas") ?? 1;

    private static bool IsSettled(JsonObject obj)
    {
        var status = obj.GetObject("status");
        var generation = obj.GetObject("metadata").GetInt64("generation");
        return status.GetInt64("observedGeneration") == generation
            && (status.GetInt64("availableReplicas") ?? 0) == Replicas(obj)
            && (status.GetInt64("replicas") ?? 0) == Replicas(obj);
    }

    private bool Settle(JsonObject obj)
    {
        if (obj.GetObject("metadata").GetString("deletionTimestamp") is not null || IsSettled(obj))
        {
            return false;
        }

        var replicas = Replicas(obj);
        var now = KubeJson.Timestamp(cluster.Now);
        var name = obj.GetObject("metadata").GetString("name");
        var status = new JsonObject { ["observedGeneration"] = obj.GetObject("metadata").GetInt64("generation") ?? 1 };
        if (replicas > 0)
        {
            status["replicas"] = replicas;
            status["updatedReplicas"] = replicas;
            status["readyReplicas"] = replicas;
            status["availableReplicas"] = replicas;
        }

        status["conditions"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "Available",
                ["status"] = "True",
                ["lastUpdateTime"] = now,
                ["lastTransitionTime"] = now,
                ["reason"] = "MinimumReplicasAvailable",
                ["message"] = "Deployment has minimum availability.",
            },
            new JsonObject
            {
                ["type"] = "Progressing",
                ["status"] = "True",
                ["lastUpdateTime"] = now,
                ["lastTransitionTime"] = now,
                ["reason"] = "NewReplicaSetAvailable",
                ["message"] = $"ReplicaSet \"{name}-sandbox\" has successfully progressed.",
            });
        obj["status"] = status;
        return true;
    }
}
