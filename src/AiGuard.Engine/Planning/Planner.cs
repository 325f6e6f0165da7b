using AiGuard.Api.ModelDeployments;
using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// Planner computes the desired children of a ModelDeployment from its spec and the engine's
/// <see cref="Assessment"/>. It is pure: no I/O, no clock, the same inputs always give the same objects.
/// </summary>
public static class Planner
{
    /// <summary>The name of the container that runs the model in the planned Deployment (scanners name it in reports).</summary>
    public const string ModelContainerName = DeploymentPlan.ContainerName;

    /// <summary>Plans every child object of <paramref name="model"/>.</summary>
    /// <param name="model">The ModelDeployment (a missing namespace means <c>default</c>).</param>
    /// <param name="assessment">The engine's verdict: effective image, blocking and quarantine.</param>
    /// <param name="openedSecrets">
    /// Decrypted sealed values: spec.secrets[].name, then key, then the plaintext bytes. A sealed entry gets a Secret
    /// only when every one of its keys is present here. May be empty.
    /// </param>
    /// <param name="runningDeployment">
    /// The model's Deployment as observed in the cluster, or null (none, or offline). While the rollout is blocked,
    /// only the Secrets it mounts (when the model controls it) are planned; see <see cref="MountedSecrets"/>.
    /// </param>
    /// <exception cref="ArgumentException">metadata.name is missing: there is nothing to name the children after.</exception>
    public static DesiredState Plan(
        ModelDeployment model,
        Assessment assessment,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> openedSecrets,
        V1Deployment? runningDeployment)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(openedSecrets);
        if (string.IsNullOrEmpty(model.Metadata?.Name))
        {
            throw new ArgumentException("metadata.name is required to plan a ModelDeployment's children.", nameof(model));
        }

        var context = new PlanningContext(model, assessment);
        var secrets = SecretPlan.Build(context, openedSecrets);
        var (roles, bindings) = RbacPlan.Build(context);
        var secretsHash = DeploymentPlan.SecretsHash(secrets.Planned);
        var blockReasons = BlockReasons(assessment, secrets.Unopened);

        // Decrypted values become Secrets only for a model that may roll out, or those its running pods already mount.
        var secretChildren = blockReasons.Count == 0
            ? secrets.Children
            : SecretPlan.MountedOnly(secrets.Children, MountedSecrets.Of(runningDeployment, model));

        return new DesiredState
        {
            Name = context.Name,
            Namespace = context.Namespace,
            NetworkPolicy = NetworkPolicyPlan.Build(context),
            ServiceAccount = ServiceAccountPlan.Build(context),
            Roles = roles,
            RoleBindings = bindings,
            Secrets = secretChildren,
            Service = ServicePlan.Build(context),
            Deployment = DeploymentPlan.Build(context, secrets.Planned, secretsHash),
            BlockReasons = blockReasons,
            UnopenedSecrets = secrets.Unopened,
            SecretsHash = secretsHash,
            Quarantined = assessment.Quarantined,
        };
    }

    private static List<string> BlockReasons(Assessment assessment, List<string> unopened)
    {
        var reasons = new List<string>();
        if (assessment.SpecErrors.Count > 0)
        {
            reasons.Add($"the spec has {assessment.SpecErrors.Count} error(s); see status");
        }

        if (assessment.Quarantined)
        {
            reasons.Add($"quarantined: {assessment.QuarantineReason}");
        }

        if (assessment.Blocked)
        {
            reasons.Add($"a finding at or above {assessment.BlockAt} blocks the rollout under {EnforcementModes.Enforce}");
        }

        // A pod referencing a Secret that does not exist never starts; keep the running pods instead.
        reasons.AddRange(unopened.Select(name => $"sealed secret {name} could not be opened"));
        return reasons;
    }
}
