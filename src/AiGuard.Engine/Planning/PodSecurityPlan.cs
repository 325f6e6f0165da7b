using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// PodSecurityPlan holds the restricted Pod Security profile every model pod runs with. Values in
/// spec.serving.securityContext that would weaken it (runAsNonRoot false, runAsUser 0, a writable root
/// filesystem, privilege escalation, privileged, added capabilities) are never applied, in Enforce and Audit
/// alike: AIG-POD-01 reports them, and the pod keeps the hardened value. Only runAsUser (non-zero) and
/// runAsGroup are taken from the spec.
/// </summary>
internal static class PodSecurityPlan
{
    /// <summary>
    /// Group of secret files when the spec names no runAsGroup. Secret files are mode 0440 and owned by root, so the
    /// non-root process reads them through fsGroup, which the kubelet adds as a supplementary group.
    /// </summary>
    public const long DefaultSecretFileGroup = 65532;

    /// <summary>0440: owner and group may read, nobody may write or execute.</summary>
    public const int SecretFileMode = 288;

    private static V1SeccompProfile RuntimeDefault() => new() { Type = "RuntimeDefault" };

    public static V1PodSecurityContext Pod(PlanningContext context, bool mountsSecretFiles)
    {
        var requested = context.Spec.Serving?.SecurityContext;
        return new V1PodSecurityContext
        {
            RunAsNonRoot = true,
            RunAsUser = requested?.RunAsUser is > 0 ? requested.RunAsUser : null,
            RunAsGroup = requested?.RunAsGroup,
            FsGroup = mountsSecretFiles ? requested?.RunAsGroup ?? DefaultSecretFileGroup : null,
            SeccompProfile = RuntimeDefault(),
        };
    }

    public static V1SecurityContext Container() => new()
    {
        AllowPrivilegeEscalation = false,
        Privileged = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = RuntimeDefault(),
    };
}
