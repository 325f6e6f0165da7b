using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Planning;
using k8s.Models;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-RBAC-03: no RoleBinding or ClusterRoleBinding that a ModelDeployment does not control (<see cref="Ownership"/>)
/// grants anything to the model's ServiceAccount (the planner names it exactly like the ModelDeployment), whether it
/// names the ServiceAccount or a group every ServiceAccount of the namespace belongs to. Such grants bypass the
/// review of spec.access, and a managed-by label on the binding changes nothing.
/// </summary>
internal sealed class ForeignBindingControl : IControl
{
    /// <summary>
    /// ClusterRoles that kube-apiserver itself binds to every identity (system:authenticated, system:unauthenticated,
    /// system:serviceaccounts) in every cluster: discovery, self-reviews, the version and health endpoints, the
    /// service account issuer. Binding them grants a pod nothing it does not already have, so counting these bindings
    /// would fail every model in every real cluster. Only cluster admins can change what these roles hold.
    /// </summary>
    private static readonly string[] PublicClusterRoles =
        ["system:basic-user", "system:discovery", "system:public-info-viewer", "system:service-account-issuer-discovery"];

    public ControlDefinition Definition { get; } = new(
        ControlIds.ForeignBinding,
        ConditionTypes.LeastPrivilege,
        Severities.High,
        "No foreign binding grants the model's identity",
        "delete the binding, or declare the permissions the model needs in spec.access.apiRules",
        ControlScope.ClusterOnly);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        if (context.Cluster is null)
        {
            return null;
        }

        var existing = context.Cluster.ModelDeployments;
        var violations = new List<Violation>();
        foreach (var binding in context.Cluster.RoleBindings ?? [])
        {
            // A RoleBinding in any namespace may name the model's ServiceAccount (with its namespace) and grant it
            // rights there: that is as much a bypass of spec.access as a binding beside the model.
            var bindingNamespace = binding?.Metadata?.NamespaceProperty ?? context.Namespace;
            if (binding is null || GrantsOnlyPublicAccess(binding.RoleRef) || Ownership.IsPlannedChildOfModelDeployment(binding.Metadata, bindingNamespace, existing, RbacPlan.BindingNames))
            {
                continue;
            }

            if (Grantee(binding.Subjects, bindingNamespace, context) is { } grantee)
            {
                var where = bindingNamespace == context.Namespace ? "" : $" in namespace {bindingNamespace}";
                violations.Add(new Violation(
                    $"RoleBinding {binding.Metadata?.Name}{where} grants {binding.RoleRef?.Kind} {binding.RoleRef?.Name} to {grantee}"));
            }
        }

        // Cluster-scoped: no ModelDeployment can control one, so every such binding is foreign.
        foreach (var binding in context.Cluster.ClusterRoleBindings ?? [])
        {
            if (binding is not null && !GrantsOnlyPublicAccess(binding.RoleRef) && Grantee(binding.Subjects, null, context) is { } grantee)
            {
                violations.Add(new Violation(
                    $"ClusterRoleBinding {binding.Metadata?.Name} grants ClusterRole {binding.RoleRef?.Name} to {grantee} in every namespace"));
            }
        }

        return violations;
    }

    /// <summary>How the subjects reach the model's ServiceAccount, or null when they do not.</summary>
    /// <param name="subjects">The binding's subjects.</param>
    /// <param name="defaultNamespace">A RoleBinding's namespace: what a ServiceAccount subject without one means.</param>
    /// <param name="context">The model being evaluated.</param>
    private static string? Grantee(IEnumerable<Rbacv1Subject?>? subjects, string? defaultNamespace, EvaluationContext context)
    {
        var serviceAccountUser = $"system:serviceaccount:{context.Namespace}:{context.Name}";
        var namespaceGroup = ServiceAccountGroups.NamespacePrefix + context.Namespace;
        foreach (var subject in subjects ?? [])
        {
            if (subject is null)
            {
                continue;
            }

            // Kinds are compared loosely and names exactly, as the authorizer does, only ever erring on the strict side.
            if (Is(subject, "ServiceAccount") && subject.Name == context.Name
                && (string.IsNullOrEmpty(subject.NamespaceProperty) ? defaultNamespace : subject.NamespaceProperty) == context.Namespace)
            {
                return $"the model's ServiceAccount {context.Name}";
            }

            // A ServiceAccount authenticates as this user name, so a User subject of that name is the ServiceAccount.
            if (Is(subject, "User") && subject.Name == serviceAccountUser)
            {
                return $"the model's ServiceAccount {context.Name} (as User {subject.Name})";
            }

            if (Is(subject, "Group") && (subject.Name == namespaceGroup || ServiceAccountGroups.Everyone.Contains(subject.Name, StringComparer.Ordinal)))
            {
                return $"Group {subject.Name}, whose rights the model's pods hold (its ServiceAccount {context.Name} or anonymous requests)";
            }
        }

        return null;
    }

    private static bool GrantsOnlyPublicAccess(V1RoleRef? role) =>
        role?.Kind == "ClusterRole" && PublicClusterRoles.Contains(role.Name, StringComparer.Ordinal);

    private static bool Is(Rbacv1Subject subject, string kind) => string.Equals(subject.Kind, kind, StringComparison.OrdinalIgnoreCase);
}
