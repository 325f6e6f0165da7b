using System.Security.Cryptography;
using System.Text;
using AiGuard.Api.ModelDeployments;
using k8s.Models;

namespace AiGuard.Engine.Planning;

/// <summary>
/// DeploymentPlan builds the Deployment that runs the model: one hardened container named <c>model</c> under the
/// model's own ServiceAccount, with a writable <c>/tmp</c> (the root filesystem is read-only) and the secrets as
/// read-only files or referenced environment variables.
/// </summary>
internal static class DeploymentPlan
{
    public const string ContainerName = "model";
    public const string PortName = "http";
    public const string SecretsHashAnnotation = "aiguard.io/secrets-hash";
    private const string TmpVolume = "tmp";

    public static V1Deployment Build(PlanningContext context, IReadOnlyList<PlannedSecret> secrets, string secretsHash)
    {
        var serving = context.Spec.Serving ?? new ServingSpec();
        var fileSecrets = secrets.Where(s => !s.ExposedAsEnv).ToList();
        var (env, envFrom) = EnvironmentPlan.Build(context, secrets);

        var container = new V1Container
        {
            Name = ContainerName,
            Image = string.IsNullOrEmpty(context.Assessment.Image?.Effective) ? serving.Image : context.Assessment.Image.Effective,
            Args = serving.Args is { Count: > 0 } args ? args.ToList() : null,
            Env = env,
            EnvFrom = envFrom,
            Ports = [new V1ContainerPort { Name = PortName, ContainerPort = context.ServingPort, Protocol = "TCP" }],
            Resources = Resources(serving.Resources),
            SecurityContext = PodSecurityPlan.Container(),
            VolumeMounts =
            [
                new V1VolumeMount { Name = TmpVolume, MountPath = "/tmp" },
                .. fileSecrets.Select(s => new V1VolumeMount { Name = s.VolumeName, MountPath = s.MountPath, ReadOnlyProperty = true }),
            ],
        };

        var automount = ServiceAccountPlan.AutomountToken(context);
        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = V1Deployment.KubeKind,
            Metadata = context.ChildMetadata(context.Name),
            Spec = new V1DeploymentSpec
            {
                Replicas = serving.Replicas ?? ServingSpec.DefaultReplicas,
                Selector = new V1LabelSelector { MatchLabels = context.PodSelectorLabels() },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = context.ChildLabels(),
                        Annotations = new Dictionary<string, string> { [SecretsHashAnnotation] = secretsHash },
                    },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = context.Name,
                        AutomountServiceAccountToken = automount,
                        // Service links would put every Service of the namespace into the environment; the model needs none.
                        EnableServiceLinks = false,
                        SecurityContext = PodSecurityPlan.Pod(context, fileSecrets.Count > 0),
                        Containers = [container],
                        Volumes =
                        [
                            new V1Volume { Name = TmpVolume, EmptyDir = new V1EmptyDirVolumeSource() },
                            .. fileSecrets.Select(s => new V1Volume
                            {
                                Name = s.VolumeName,
                                Secret = new V1SecretVolumeSource { SecretName = s.SecretName, DefaultMode = PodSecurityPlan.SecretFileMode },
                            }),
                        ],
                    },
                },
            },
        };
    }

    /// <summary>
    /// Identifies what the pods read from secrets: each entry's Secret name and content hash, in spec order. A new
    /// value (a new content-addressed name) or a different existing Secret changes it, and with it the pod template.
    /// </summary>
    public static string SecretsHash(IReadOnlyList<PlannedSecret> secrets)
    {
        var text = new StringBuilder();
        foreach (var secret in secrets)
        {
            text.Append(secret.Spec.Name).Append('\n')
                .Append(secret.SecretName).Append('\n')
                .Append(secret.ContentHash ?? "").Append('\n')
                .Append(secret.ExposedAsEnv ? SecretExposure.Env : SecretExposure.File).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static V1ResourceRequirements? Resources(ResourceRequirementsSpec? resources) =>
        resources is null
            ? null
            : new V1ResourceRequirements
            {
                Limits = Sorted(resources.Limits),
                Requests = Sorted(resources.Requests),
            };

    private static SortedDictionary<string, ResourceQuantity>? Sorted(Dictionary<string, ResourceQuantity>? quantities) =>
        quantities is { Count: > 0 } ? new SortedDictionary<string, ResourceQuantity>(quantities, StringComparer.Ordinal) : null;
}
