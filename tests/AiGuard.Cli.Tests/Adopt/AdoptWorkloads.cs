using k8s.Models;

namespace AiGuard.Cli.Tests.Adopt;

/// <summary>Workloads as teams deploy inference servers by hand.</summary>
internal static class AdoptWorkloads
{
    public static V1Deployment Vllm(string name) => Deployment(name, new V1Container
    {
        Name = "server",
        Image = "vllm/vllm-openai:v0.6.4",
        Args = ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--port", "8000"],
        Ports = [new V1ContainerPort { ContainerPort = 8000 }],
        Env =
        [
            new V1EnvVar { Name = "LOG_LEVEL", Value = "info" },
            new V1EnvVar { Name = "HF_TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "hf-credentials", Key = "token" } } },
        ],
        Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1"), ["memory"] = new("16Gi") } },
    }, replicas: 2, labels: new Dictionary<string, string> { ["app"] = name, ["team"] = "team-chat" });

    public static V1Deployment Ollama(string name) => Deployment(name, new V1Container { Name = "ollama", Image = "ollama/ollama:0.3.12" });

    public static V1Deployment Deployment(string name, V1Container container, int? replicas = null, Dictionary<string, string>? labels = null, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels ?? new() { ["app"] = name }, Annotations = annotations },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [container] },
            },
        },
    };

    public static V1StatefulSet TritonOnClaim(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1StatefulSetSpec
        {
            ServiceName = name,
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "triton",
                            Image = "nvcr.io/nvidia/tritonserver:24.08-py3",
                            Command = ["tritonserver"],
                            Args = ["--model", "/models/llama"],
                            VolumeMounts = [new V1VolumeMount { Name = "store", MountPath = "/models", SubPath = "triton" }],
                            Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") } },
                        },
                    ],
                    Volumes = [new V1Volume { Name = "store", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "model-store" } }],
                },
            },
        },
    };
}
