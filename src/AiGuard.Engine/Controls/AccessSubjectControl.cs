using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-RBAC-04: spec.access.operators and viewers name people and workloads of this namespace, never a built-in
/// group or identity (<c>system:authenticated</c> is everyone, <c>system:serviceaccounts:&lt;ns&gt;</c> every workload of
/// a namespace), a ServiceAccount of another namespace, or a wildcard. Whoever may create a ModelDeployment could
/// otherwise hand its rights to anyone; the RoleBindings for these lists are planned only while this control has no
/// unwaived finding.
/// </summary>
internal sealed class AccessSubjectControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.AccessSubject,
        ConditionTypes.LeastPrivilege,
        Severities.High,
        "Operators and viewers are named people and workloads of the namespace",
        "name each operator or viewer as a User, Group or ServiceAccount of this namespace; no 'system:' users or groups, no ServiceAccounts of other namespaces, no '*'",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var access = context.Spec.Access;
        return [.. Check("operators", access?.Operators, context.Namespace), .. Check("viewers", access?.Viewers, context.Namespace)];
    }

    private static IEnumerable<Violation> Check(string list, List<AccessSubject>? subjects, string @namespace)
    {
        for (var i = 0; i < (subjects?.Count ?? 0); i++)
        {
            if (subjects![i] is { } subject && Problem(subject, @namespace) is { } problem)
            {
                yield return new Violation($"spec.access.{list}[{i}] ({subject.Kind} {subject.Name}) {problem}");
            }
        }
    }

    private static string? Problem(AccessSubject subject, string @namespace)
    {
        var name = (subject.Name ?? "").Trim();
        if (name.Contains('*', StringComparison.Ordinal))
        {
            return "has '*' in its name";
        }

        // Compared case-insensitively although Kubernetes is exact: "System:Masters" has no business here either.
        if (subject.Kind is "User" or "Group" && name.StartsWith("system:", StringComparison.OrdinalIgnoreCase))
        {
            return "is a built-in Kubernetes identity ('system:'), which stands for many users or workloads";
        }

        if (subject.Kind == "ServiceAccount" && !string.IsNullOrEmpty(subject.Namespace) && subject.Namespace != @namespace)
        {
            return $"is a ServiceAccount of namespace {subject.Namespace}, not {@namespace}";
        }

        return null;
    }
}
