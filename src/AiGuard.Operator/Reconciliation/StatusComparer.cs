using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Controllers;

namespace AiGuard.Operator.Reconciliation;

/// <summary>
/// StatusComparer tells whether a newly composed status differs from the stored one in anything but
/// lastEvaluatedTime: the operator patches /status only then, so steady state costs no writes.
/// </summary>
internal static class StatusComparer
{
    /// <summary>The status field a write of its own would only move forward.</summary>
    public const string EvaluationTimeField = "lastEvaluatedTime";

    /// <summary>True when the two statuses differ beyond lastEvaluatedTime.</summary>
    public static bool Differs(ModelDeploymentStatus? stored, ModelDeploymentStatus composed) =>
        StatusPatcher.BodyUnlessOnly(stored, composed, EvaluationTimeField) is not null;
}
