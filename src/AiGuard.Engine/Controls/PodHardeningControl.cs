using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>AIG-POD-01: spec.serving.securityContext does not weaken the restricted default the operator starts from.</summary>
internal sealed class PodHardeningControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.PodHardening,
        ConditionTypes.PodHardened,
        Severities.High,
        "The pod keeps the hardened security context",
        "remove the weakening fields from spec.serving.securityContext; the default runs as non-root, with a read-only root filesystem, no privilege escalation and no capabilities",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        const string field = "spec.serving.securityContext";
        var sc = context.Spec.Serving.SecurityContext;
        if (sc is null)
        {
            return [];
        }

        var weakenings = new List<string>();
        if (sc.RunAsNonRoot == false)
        {
            weakenings.Add("runAsNonRoot is false");
        }

        if (sc.RunAsUser == 0)
        {
            weakenings.Add("runAsUser is 0 (root)");
        }

        if (sc.ReadOnlyRootFilesystem == false)
        {
            weakenings.Add("readOnlyRootFilesystem is false");
        }

        if (sc.AllowPrivilegeEscalation == true)
        {
            weakenings.Add("allowPrivilegeEscalation is true");
        }

        if (sc.Privileged == true)
        {
            weakenings.Add("privileged is true");
        }

        if (sc.Capabilities?.Add is { Count: > 0 } added)
        {
            weakenings.Add($"capabilities.add adds {string.Join(", ", added)}");
        }

        return weakenings.Select(w => new Violation($"{field}.{w}")).ToList();
    }
}
