using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// MountedSecrets names the Secrets a model's running Deployment references. A blocked model may keep (and have
/// recreated) the Secrets its running pods already mount, and no others: a Secret decrypted for a model that may not
/// roll out would hand plaintext to whoever can read Secrets in the namespace for nothing.
/// </summary>
public static class MountedSecrets
{
    /// <summary>
    /// The Secret names <paramref name="deployment"/>'s pod template references (volumes, env and envFrom of every
    /// container), or none when the Deployment is not controlled by <paramref name="model"/> (see <see cref="Ownership"/>).
    /// </summary>
    public static IReadOnlySet<string> Of(V1Deployment? deployment, ModelDeployment model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var owner = ModelDeploymentIdentity.Of(model);
        if (deployment is null || owner is null
            || deployment.Metadata?.Name != owner.Name
            || !Ownership.IsControlledByModelDeployment(deployment.Metadata, deployment.Metadata.NamespaceProperty ?? owner.Namespace, [owner]))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var pod = deployment.Spec?.Template?.Spec;
        var containers = (pod?.Containers ?? []).Concat(pod?.InitContainers ?? []).OfType<V1Container>().ToList();
        return (pod?.Volumes ?? []).Select(v => v?.Secret?.SecretName)
            .Concat(containers.SelectMany(c => c.EnvFrom ?? []).Select(e => e?.SecretRef?.Name))
            .Concat(containers.SelectMany(c => c.Env ?? []).Select(e => e?.ValueFrom?.SecretKeyRef?.Name))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }
}
