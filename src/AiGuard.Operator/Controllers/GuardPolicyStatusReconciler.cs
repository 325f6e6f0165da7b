using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Policies;
using AiGuard.Operator.Reconciliation;
using AiGuard.Operator.Runtime;
using k8s;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// GuardPolicyStatusReconciler keeps a GuardPolicy's status current: how many cached ModelDeployments live in the
/// namespaces it selects, a Ready condition, observedGeneration. It writes only when that changes.
/// </summary>
public sealed class GuardPolicyStatusReconciler(OperatorCaches caches, StatusPatcher status, TimeProvider time)
{
    private readonly RecentWrites<GuardPolicy> _writes = RecentWrites<GuardPolicy>.Tracking(caches.GuardPolicies);

    /// <summary>Reconciles the policy named by <paramref name="key"/>.</summary>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var policy = _writes.Freshest(key, caches.GuardPolicies.Get(null, key.Name));
        if (policy is null || policy.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var namespaces = caches.Namespaces.List()
            .Where(ns => PolicySelector.Applies(policy, (IReadOnlyDictionary<string, string>?)ns.Metadata.Labels ?? new Dictionary<string, string>()))
            .Select(ns => ns.Metadata.Name)
            .ToList();
        var matched = namespaces.Sum(ns => caches.ModelDeployments.List(ns).Count);
        var conditions = new ConditionSet(policy.Status?.Conditions, policy.Metadata.Generation, time.GetUtcNow().UtcDateTime.TruncateToSeconds());
        conditions.Set(ConditionTypes.Ready, true, "Applied",
            $"applies to {matched} ModelDeployment(s) in {namespaces.Count} namespace(s)");
        var composed = new GuardPolicyStatus
        {
            ObservedGeneration = policy.Metadata.Generation,
            MatchedModelDeployments = matched,
            Conditions = conditions.ToList(),
        };
        if (KubernetesJson.Serialize(composed) == KubernetesJson.Serialize(policy.Status ?? new GuardPolicyStatus()))
        {
            return ReconcileResult.Done;
        }

        var stored = await status.PatchClusterAsync<GuardPolicy>(GuardPolicy.Plural, key.Name, policy.Status, composed, cancellationToken).ConfigureAwait(false);
        if (stored?.Metadata is not null)
        {
            _writes.Written(stored);
        }

        return ReconcileResult.Done;
    }
}
