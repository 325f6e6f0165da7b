using k8s.Models;

namespace AiGuard.Engine;

/// <summary>
/// ClusterObservations are the live objects the cluster-only controls inspect (AIG-NET-03, AIG-RBAC-03). The lists
/// may include the operator's own children: the engine tells those apart by controller ownerReference against
/// <see cref="ModelDeployments"/> (controls.md, "Ownership"), never by label, so callers must not pre-filter by label.
/// </summary>
/// <param name="NetworkPolicies">NetworkPolicies of the model's namespace.</param>
/// <param name="RoleBindings">RoleBindings of the model's namespace, and those of other namespaces that may bind the
/// model's ServiceAccount (by name, or through one of the groups every ServiceAccount belongs to).</param>
/// <param name="ClusterRoleBindings">ClusterRoleBindings that may bind the model's ServiceAccount; cluster-scoped, so
/// no ModelDeployment ever controls one.</param>
/// <param name="ModelDeployments">The ModelDeployments that exist in the model's namespace and in the namespaces of
/// <paramref name="RoleBindings"/>: only a controller ownerReference to one of these makes an object a child.</param>
public sealed record ClusterObservations(
    IReadOnlyList<V1NetworkPolicy> NetworkPolicies,
    IReadOnlyList<V1RoleBinding> RoleBindings,
    IReadOnlyList<V1ClusterRoleBinding> ClusterRoleBindings,
    IReadOnlyList<ModelDeploymentIdentity> ModelDeployments);
