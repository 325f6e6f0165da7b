using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>AIG-RBAC-01: no API token is mounted when the model has no API permissions to use it for.</summary>
internal sealed class UnneededTokenControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.UnneededToken,
        ConditionTypes.LeastPrivilege,
        Severities.Medium,
        "No API token without API permissions",
        "remove spec.access.automountServiceAccountToken or set it to false; a token is mounted by default only when apiRules need one",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var access = context.Spec.Access;
        return access?.AutomountServiceAccountToken == true && (access.ApiRules is null || access.ApiRules.Count == 0)
            ? [new Violation("spec.access.automountServiceAccountToken is true while spec.access.apiRules is empty: the pod gets an API token it has no use for")]
            : [];
    }
}
