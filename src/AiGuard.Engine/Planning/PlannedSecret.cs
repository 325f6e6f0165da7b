using AiGuard.Api.ModelDeployments;

namespace AiGuard.Engine.Planning;

/// <summary>
/// PlannedSecret is one spec.secrets entry resolved to the Secret the pod uses: the content-addressed child for
/// sealed data, or the named existing Secret.
/// </summary>
/// <param name="Spec">The spec.secrets entry.</param>
/// <param name="SecretName">Name of the Secret the pod references.</param>
/// <param name="Keys">Keys of a child Secret, ordinal order; null for an existing Secret, whose keys are unknown.</param>
/// <param name="ContentHash">Full SHA-256 hex of a child Secret's data; null for an existing Secret.</param>
internal sealed record PlannedSecret(SecretSpec Spec, string SecretName, IReadOnlyList<string>? Keys, string? ContentHash)
{
    public bool ExposedAsEnv => Spec.Expose == SecretExposure.Env;

    /// <summary>Pod volume name: unique per secret, a DNS label (secret names are at most 40 characters).</summary>
    public string VolumeName => "secret-" + Spec.Name;

    public string MountPath => string.IsNullOrEmpty(Spec.MountPath) ? "/var/run/secrets/aiguard/" + Spec.Name : Spec.MountPath;
}
