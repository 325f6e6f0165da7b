using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// ServiceAccountPlan builds the model's dedicated identity. Its token is mounted only when the model needs the
/// API: <c>access.automountServiceAccountToken</c>, else true exactly when <c>access.apiRules</c> is non-empty.
/// </summary>
internal static class ServiceAccountPlan
{
    public static bool AutomountToken(PlanningContext context)
    {
        var access = context.Spec.Access;
        return access?.AutomountServiceAccountToken ?? access?.ApiRules is { Count: > 0 };
    }

    public static V1ServiceAccount Build(PlanningContext context) => new()
    {
        ApiVersion = "v1",
        Kind = V1ServiceAccount.KubeKind,
        Metadata = context.ChildMetadata(context.Name),
        AutomountServiceAccountToken = AutomountToken(context),
    };
}
