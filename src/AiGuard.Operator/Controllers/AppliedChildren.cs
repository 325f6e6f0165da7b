using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// AppliedChildren is what one reconcile's apply step did: children repaired, names found taken by objects the model
/// does not control, and planned children withheld because of such a conflict (the prune step revokes those).
/// </summary>
internal sealed class AppliedChildren(string? ownerUid, bool converged)
{
    /// <summary>uid of the ModelDeployment being reconciled.</summary>
    public string? OwnerUid { get; } = ownerUid;

    /// <summary>The model had converged on its current generation before this reconcile.</summary>
    public bool Converged { get; } = converged;

    /// <summary>"Kind name" of every child whose name another object holds.</summary>
    public List<string> Conflicts { get; } = [];

    /// <summary>"Kind name" of every child that existed but had drifted, or vanished after convergence.</summary>
    public List<string> Repaired { get; } = [];

    /// <summary>Planned children not applied because of a conflict; they are pruned like stale ones.</summary>
    public HashSet<(Type Type, string Name)> Withheld { get; } = [];

    /// <summary>Records what applying <paramref name="child"/> of <paramref name="kind"/> did.</summary>
    public void Record(IChildResource kind, IKubernetesObject<V1ObjectMeta> child, ChildOutcome outcome)
    {
        var name = child.Metadata.Name;
        switch (outcome)
        {
            case ChildOutcome.Conflict:
                Conflicts.Add($"{kind.Kind} {name}");
                break;
            case ChildOutcome.Repaired:
                Repaired.Add($"{kind.Kind} {name}");
                break;
            case ChildOutcome.Withheld:
                Withheld.Add((child.GetType(), name));
                break;
        }
    }
}
