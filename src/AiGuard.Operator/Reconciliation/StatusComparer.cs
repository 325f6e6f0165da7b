using AiGuard.Api.ModelDeployments;
using k8s;

namespace AiGuard.Operator.Reconciliation;

/// <summary>
/// StatusComparer tells whether a newly composed status differs from the stored one in anything but
/// lastEvaluatedTime: the operator patches /status only then, so steady state costs no writes.
/// </summary>
internal static class StatusComparer
{
    /// <summary>True when the two statuses differ beyond lastEvaluatedTime.</summary>
    public static bool Differs(ModelDeploymentStatus? stored, ModelDeploymentStatus composed) =>
        stored is null || Canonical(stored) != Canonical(composed);

    private static string Canonical(ModelDeploymentStatus status)
    {
        var copy = KubernetesJson.Deserialize<ModelDeploymentStatus>(KubernetesJson.Serialize(status));
        copy.LastEvaluatedTime = null;
        return KubernetesJson.Serialize(copy);
    }
}
