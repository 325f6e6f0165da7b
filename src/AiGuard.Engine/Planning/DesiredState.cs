using k8s;
using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// DesiredState is every child object a ModelDeployment should have, computed by <see cref="Planner.Plan"/>, and
/// whether the Deployment may be rolled out. Each child has apiVersion, kind, name, namespace, the managed-by /
/// name / model-deployment labels and a controller ownerReference; nothing server-set.
/// </summary>
/// <remarks>
/// How the operator applies it: apply <see cref="SafetyChildren"/> always (isolation and identity must hold even
/// for a blocked model); apply <see cref="Deployment"/> only when <see cref="RolloutBlocked"/> is false, else leave
/// the live Deployment (its last compliant spec) alone; prune managed children missing from <see cref="Children"/>,
/// except that while the rollout is blocked the Secrets the live Deployment still references must be kept.
/// A quarantined model keeps its pods (for investigation; nothing restarts them) but gets a deny-all NetworkPolicy
/// and loses its own apiRules binding; its rollout is frozen. Network reach is a grant too: under Enforce, while
/// AIG-NET-01 or AIG-NET-02 has an unwaived finding (or the spec is invalid, in either mode), the NetworkPolicy is
/// the secure default instead of the declared rules, so a blocked change never widens the running pods' reach.
/// Grants follow the controls, not the rollout: the
/// apiRules Role exists only while AIG-RBAC-02 is clear, the operators/viewers bindings only while AIG-RBAC-04 is, and
/// a blocked model gets only the Secrets its running Deployment mounts; the operator must delete the rest at once.
/// </remarks>
public sealed record DesiredState
{
    /// <summary>Name of the ModelDeployment, also the name of the Deployment, Service, ServiceAccount and NetworkPolicy.</summary>
    public required string Name { get; init; }

    /// <summary>Namespace of the ModelDeployment and every child.</summary>
    public required string Namespace { get; init; }

    /// <summary>The isolating NetworkPolicy <c>&lt;name&gt;</c>: declared rules, the secure default while they are not
    /// trusted (open or unapproved reach under Enforce, or an invalid spec), or deny-all when quarantined.</summary>
    public required V1NetworkPolicy NetworkPolicy { get; init; }

    /// <summary>The model's own ServiceAccount <c>&lt;name&gt;</c>.</summary>
    public required V1ServiceAccount ServiceAccount { get; init; }

    /// <summary>Roles <c>&lt;name&gt;</c> (apiRules), <c>&lt;name&gt;-operator</c>, <c>&lt;name&gt;-viewer</c>, those that apply, in that order.</summary>
    public required IReadOnlyList<V1Role> Roles { get; init; }

    /// <summary>One RoleBinding per Role, same name, same order.</summary>
    public required IReadOnlyList<V1RoleBinding> RoleBindings { get; init; }

    /// <summary>Immutable content-addressed Secrets <c>&lt;name&gt;-&lt;secret&gt;-&lt;hash8&gt;</c>, one per opened sealed entry, spec order;
    /// while the rollout is blocked only those the running Deployment mounts.</summary>
    public required IReadOnlyList<V1Secret> Secrets { get; init; }

    /// <summary>The ClusterIP Service <c>&lt;name&gt;</c> on the serving port.</summary>
    public required V1Service Service { get; init; }

    /// <summary>The Deployment <c>&lt;name&gt;</c>, always computed; apply it only when <see cref="RolloutBlocked"/> is false.</summary>
    public required V1Deployment Deployment { get; init; }

    /// <summary>Why the Deployment must not be rolled out; empty when it may.</summary>
    public required IReadOnlyList<string> BlockReasons { get; init; }

    /// <summary>spec.secrets names whose sealed values were not (all) opened: no Secret and no mount is planned for them.</summary>
    public required IReadOnlyList<string> UnopenedSecrets { get; init; }

    /// <summary>The pod-template annotation <c>aiguard.io/secrets-hash</c>: changes whenever the pods' secrets do.</summary>
    public required string SecretsHash { get; init; }

    /// <summary>True when the assessment quarantined the model: the NetworkPolicy denies all traffic.</summary>
    public bool Quarantined { get; init; }

    /// <summary>True when the Deployment must not be applied: the assessment blocks, the model is quarantined,
    /// the spec has errors, or a sealed secret could not be opened.</summary>
    public bool RolloutBlocked => BlockReasons.Count > 0;

    /// <summary>Every child except the Deployment, in apply order: NetworkPolicy first (isolate before anything runs),
    /// then identity, RBAC, Secrets and the Service.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> SafetyChildren =>
    [
        NetworkPolicy,
        ServiceAccount,
        .. Roles,
        .. RoleBindings,
        .. Secrets,
        Service,
    ];

    /// <summary>Every desired child in apply order: <see cref="SafetyChildren"/>, then the Deployment.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Children => [.. SafetyChildren, Deployment];
}
