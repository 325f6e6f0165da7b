using k8s.Models;

namespace AiGuard.Operator.Reconciliation;

/// <summary>
/// ConditionSet builds a condition list following the Kubernetes convention: lastTransitionTime changes only when
/// a condition's status flips, so a steady model's status is byte-for-byte stable and costs no writes.
/// </summary>
internal sealed class ConditionSet(IReadOnlyList<V1Condition>? previous, long? observedGeneration, DateTime now)
{
    private readonly List<V1Condition> _conditions = [];

    /// <summary>Sets a condition, keeping the previous lastTransitionTime when its status is unchanged.</summary>
    public void Set(string type, bool status, string reason, string message) =>
        Set(type, status ? "True" : "False", reason, message);

    /// <summary>Sets a condition with an explicit status (True, False or Unknown).</summary>
    public void Set(string type, string status, string reason, string message)
    {
        var before = previous?.FirstOrDefault(c => c.Type == type);
        var transition = before is not null && before.Status == status ? before.LastTransitionTime : now;
        _conditions.RemoveAll(c => c.Type == type);
        _conditions.Add(new V1Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = observedGeneration,
            LastTransitionTime = transition,
        });
    }

    /// <summary>The conditions in the order they were set.</summary>
    public List<V1Condition> ToList() => [.. _conditions];
}
