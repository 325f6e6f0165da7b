using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// ChildTrimming holds the informer transforms (client-go's TransformFunc) of the managed children whose cached copy
/// carries what no reader uses. It drops only what the API server writes and nothing reads: the drift check compares
/// the fields the operator sets (so every spec field stays, and a field anyone adds stays visible as it is today), the
/// engine and the prune step read the Deployment's pod template, and the rollout checks read five status fields.
/// A Deployment's status keeps observedGeneration, replicas, updatedReplicas, availableReplicas and each
/// condition's type and status, and is pooled: thousands of rolled-out Deployments share one status object instead
/// of each keeping two conditions with a message naming its ReplicaSet. A Service loses its status (the load
/// balancer ingress of a ClusterIP Service) and its allocated cluster IPs, which the operator never sets or reads.
/// Cached objects are read-only by contract, so the pooled status is never written through.
/// </summary>
public static class ChildTrimming
{
    private static readonly InternPool<V1DeploymentStatus> Rollouts = new(new RolloutComparer());

    /// <summary>Keeps of <paramref name="deployment"/>'s status only what the rollout checks read (changes it in place).</summary>
    public static V1Deployment Deployment(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (deployment.Status is { } status)
        {
            deployment.Status = Rollouts.Intern(new V1DeploymentStatus
            {
                ObservedGeneration = status.ObservedGeneration,
                Replicas = status.Replicas,
                UpdatedReplicas = status.UpdatedReplicas,
                AvailableReplicas = status.AvailableReplicas,
                Conditions = status.Conditions is { Count: > 0 } conditions
                    ? conditions.Where(c => c is not null).Select(c => new V1DeploymentCondition { Type = c.Type, Status = c.Status }).ToArray()
                    : null,
            });
        }

        return deployment;
    }

    /// <summary>Drops <paramref name="service"/>'s status and allocated cluster IPs (changes it in place).</summary>
    public static V1Service Service(V1Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        service.Status = null;
        if (service.Spec is { } spec)
        {
            spec.ClusterIP = null;
            spec.ClusterIPs = null;
        }

        return service;
    }

    // Compares every field Deployment() keeps, conditions by type and status in order.
    private sealed class RolloutComparer : IEqualityComparer<V1DeploymentStatus>
    {
        public bool Equals(V1DeploymentStatus? x, V1DeploymentStatus? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null
                && x.ObservedGeneration == y.ObservedGeneration && x.Replicas == y.Replicas
                && x.UpdatedReplicas == y.UpdatedReplicas && x.AvailableReplicas == y.AvailableReplicas
                && (x.Conditions ?? []).Select(c => (c.Type, c.Status)).SequenceEqual((y.Conditions ?? []).Select(c => (c.Type, c.Status))));

        public int GetHashCode(V1DeploymentStatus obj)
        {
            var hash = default(HashCode);
            hash.Add(obj.ObservedGeneration);
            hash.Add(obj.Replicas);
            hash.Add(obj.UpdatedReplicas);
            hash.Add(obj.AvailableReplicas);
            foreach (var condition in obj.Conditions ?? [])
            {
                hash.Add(condition.Type);
                hash.Add(condition.Status);
            }

            return hash.ToHashCode();
        }
    }
}
