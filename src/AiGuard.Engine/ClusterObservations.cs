using k8s.Models;

namespace AiGuard.Engine;

/// <summary>
/// ClusterObservations are the live objects of the model's namespace that cluster-only controls inspect
/// (AIG-NET-03, AIG-RBAC-03). Lists hold only objects NOT managed by the operator.
/// </summary>
/// <param name="UnmanagedNetworkPolicies">NetworkPolicies in the model's namespace not labelled managed-by aiguard-operator.</param>
/// <param name="UnmanagedRoleBindings">RoleBindings not managed by the operator: those of the model's namespace, and those
/// of other namespaces that name a ServiceAccount of the model's namespace.</param>
/// <param name="UnmanagedClusterRoleBindings">ClusterRoleBindings not managed by the operator.</param>
public sealed record ClusterObservations(
    IReadOnlyList<V1NetworkPolicy> UnmanagedNetworkPolicies,
    IReadOnlyList<V1RoleBinding> UnmanagedRoleBindings,
    IReadOnlyList<V1ClusterRoleBinding> UnmanagedClusterRoleBindings);
