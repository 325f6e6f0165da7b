using k8s.Models;

namespace AiGuard.Operator.Tests.Inventory;

/// <summary>Plain workloads as a team would deploy them by hand, without a ModelDeployment.</summary>
internal static class ShadowAiWorkloads
{
    public const string Vllm = "vllm/vllm-openai:v0.6.4";

    public static V1Deployment Deployment(string name, string image = Vllm, IList<V1OwnerReference>? owners = null, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, OwnerReferences = owners, Labels = labels },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = Template(name, image, gpus: null),
        },
    };

    public static V1StatefulSet GpuStatefulSet(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1StatefulSetSpec
        {
            ServiceName = name,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = Template(name, "ghcr.io/acme/trainer:1.0", gpus: "2"),
        },
    };

    /// <summary>A training or batch-inference Job asking for GPUs.</summary>
    public static V1Job GpuJob(string name, string gpus = "4", IList<V1OwnerReference>? owners = null, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, OwnerReferences = owners, Labels = labels },
        Spec = new V1JobSpec { Template = Template(name, "ghcr.io/acme/trainer:1.0", gpus) },
    };

    /// <summary>A Job running <paramref name="image"/>, as a CronJob creates it when <paramref name="owners"/> names one.</summary>
    public static V1Job Job(string name, string image, IList<V1OwnerReference>? owners = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, OwnerReferences = owners },
        Spec = new V1JobSpec { Template = Template(name, image, gpus: null) },
    };

    /// <summary>A CronJob that starts <paramref name="image"/> every night.</summary>
    public static V1CronJob CronJob(string name, string image = Vllm) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1CronJobSpec
        {
            Schedule = "0 2 * * *",
            JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = Template(name, image, gpus: null) } },
        },
    };

    /// <summary>The controller ownerReference the Job or CronJob controller writes on what it creates.</summary>
    public static V1OwnerReference ControlledBy(V1Job job) =>
        new() { ApiVersion = "batch/v1", Kind = V1Job.KubeKind, Name = job.Metadata.Name, Uid = job.Metadata.Uid, Controller = true };

    /// <inheritdoc cref="ControlledBy(V1Job)"/>
    public static V1OwnerReference ControlledBy(V1CronJob cronJob) =>
        new() { ApiVersion = "batch/v1", Kind = V1CronJob.KubeKind, Name = cronJob.Metadata.Name, Uid = cronJob.Metadata.Uid, Controller = true };

    public static V1Pod Pod(string name, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = Template(name, image, gpus: null).Spec,
    };

    private static V1PodTemplateSpec Template(string app, string image, string? gpus) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "server",
                    Image = image,
                    Resources = gpus is null ? null : new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new(gpus) } },
                },
            ],
        },
    };
}
