using k8s.Models;

namespace AiGuard.Cli.Adopt;

/// <summary>
/// WorkloadReference is the <c>KIND/NAME</c> argument of <c>aiguard adopt</c>, as kubectl writes it:
/// <c>deployment/chatbot</c>, <c>deploy/chatbot</c>, <c>statefulset/x</c>, <c>sts/x</c>, <c>daemonset/x</c>,
/// <c>ds/x</c>, <c>pod/x</c>, <c>po/x</c> (plurals too).
/// </summary>
/// <param name="Kind">The Kubernetes kind: Deployment, StatefulSet, DaemonSet or Pod.</param>
/// <param name="Name">The object name.</param>
public sealed record WorkloadReference(string Kind, string Name)
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deployment"] = V1Deployment.KubeKind,
        ["deployments"] = V1Deployment.KubeKind,
        ["deploy"] = V1Deployment.KubeKind,
        ["statefulset"] = V1StatefulSet.KubeKind,
        ["statefulsets"] = V1StatefulSet.KubeKind,
        ["sts"] = V1StatefulSet.KubeKind,
        ["daemonset"] = V1DaemonSet.KubeKind,
        ["daemonsets"] = V1DaemonSet.KubeKind,
        ["ds"] = V1DaemonSet.KubeKind,
        ["pod"] = V1Pod.KubeKind,
        ["pods"] = V1Pod.KubeKind,
        ["po"] = V1Pod.KubeKind,
    };

    /// <summary>Parses <paramref name="text"/>; throws <see cref="AdoptException"/> saying what is accepted.</summary>
    public static WorkloadReference Parse(string? text)
    {
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash <= 0 || slash == text.Length - 1)
        {
            throw new AdoptException($"'{Printable(text)}' is not KIND/NAME: use e.g. deployment/chatbot, statefulset/NAME, daemonset/NAME or pod/NAME");
        }

        var kind = text[..slash];
        var name = text[(slash + 1)..];
        if (!Kinds.TryGetValue(kind, out var canonical))
        {
            throw new AdoptException($"cannot adopt a '{Printable(kind)}': use deployment, statefulset, daemonset or pod");
        }

        if (!AiGuard.Operator.Hosting.KubernetesNames.IsDnsSubdomain(name))
        {
            throw new AdoptException($"'{Printable(name)}' is not a valid object name (lower-case letters, digits, '-' and '.')");
        }

        return new WorkloadReference(canonical, name);
    }

    /// <summary>The reference as kubectl prints it: <c>deployment/chatbot</c>.</summary>
    public override string ToString() => $"{Kind.ToLowerInvariant()}/{Name}";

    private static string Printable(string? text) => CommentText.Sanitize(text ?? "", 80);
}
