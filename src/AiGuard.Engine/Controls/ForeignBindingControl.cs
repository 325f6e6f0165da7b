using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using k8s.Models;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-RBAC-03: no RoleBinding or ClusterRoleBinding the operator does not manage grants anything to the model's
/// ServiceAccount (the planner names it exactly like the ModelDeployment); such grants bypass spec.access review.
/// </summary>
internal sealed class ForeignBindingControl : IControl
{
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

        var violations = new List<Violation>();
        foreach (var binding in context.Cluster.UnmanagedRoleBindings ?? [])
        {
            if (binding is null || Ownership.IsManaged(binding.Metadata))
            {
                continue;
            }

            // A RoleBinding in any namespace may name the model's ServiceAccount (with its namespace) and grant it
            // rights there: that is as much a bypass of spec.access as a binding beside the model.
            var bindingNamespace = binding.Metadata?.NamespaceProperty ?? context.Namespace;
            if (NamesModel(binding.Subjects, bindingNamespace, context))
            {
                var where = bindingNamespace == context.Namespace ? "" : $" in namespace {bindingNamespace}";
                violations.Add(new Violation(
                    $"RoleBinding {binding.Metadata?.Name}{where} grants {binding.RoleRef?.Kind} {binding.RoleRef?.Name} to the model's ServiceAccount {context.Name}"));
            }
        }

        foreach (var binding in context.Cluster.UnmanagedClusterRoleBindings ?? [])
        {
            if (binding is not null && !Ownership.IsManaged(binding.Metadata) && NamesModel(binding.Subjects, null, context))
            {
                violations.Add(new Violation(
                    $"ClusterRoleBinding {binding.Metadata?.Name} grants ClusterRole {binding.RoleRef?.Name} to the model's ServiceAccount {context.Name} in every namespace"));
            }
        }

        return violations;
    }

    // A RoleBinding's ServiceAccount subject without a namespace means the binding's own namespace.
    private static bool NamesModel(IEnumerable<Rbacv1Subject>? subjects, string? defaultNamespace, EvaluationContext context) =>
        (subjects ?? []).Any(s =>
            s is not null
            && s.Kind == "ServiceAccount"
            && s.Name == context.Name
            && (string.IsNullOrEmpty(s.NamespaceProperty) ? defaultNamespace : s.NamespaceProperty) == context.Namespace);
}
