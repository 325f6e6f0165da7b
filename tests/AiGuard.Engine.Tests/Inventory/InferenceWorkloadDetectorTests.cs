using AiGuard.Engine.Inventory;
using k8s.Models;

namespace AiGuard.Engine.Tests.Inventory;

public sealed class InferenceWorkloadDetectorTests
{
    private const string Digest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly ModelDeploymentIdentity LiveModel = new("ml", "scorer", "uid-live");

    private static InferenceWorkloadDetector Detector(params string[] extra) => new(extra, [LiveModel]);

    private static V1PodSpec Spec(params string[] images) =>
        new() { Containers = [.. images.Select((image, i) => new V1Container { Name = $"c{i}", Image = image })] };

    private static V1ObjectMeta Meta(string name = "w", params V1OwnerReference[] owners) =>
        new() { Name = name, NamespaceProperty = "ml", OwnerReferences = owners.Length == 0 ? null : [.. owners] };

    private static V1OwnerReference ModelOwner(string name, string uid, string apiVersion = "aiguard.io/v1alpha1") =>
        new() { ApiVersion = apiVersion, Kind = "ModelDeployment", Name = name, Uid = uid, Controller = true };

    [Theory]
    [InlineData("vllm/vllm-openai:v0.6.4", "image docker.io/vllm/vllm-openai is vLLM")]
    [InlineData("docker.io/vllm/vllm-openai", "image docker.io/vllm/vllm-openai is vLLM")]
    [InlineData("index.docker.io/vllm/vllm-openai:latest", "image docker.io/vllm/vllm-openai is vLLM")]
    [InlineData("vllm/vllm-openai@" + Digest, "image docker.io/vllm/vllm-openai is vLLM")]
    [InlineData("vllm/vllm-openai:v0.6.4@" + Digest, "image docker.io/vllm/vllm-openai is vLLM")]
    [InlineData("ghcr.io/huggingface/text-generation-inference:2.4", "image ghcr.io/huggingface/text-generation-inference is Text Generation Inference (TGI)")]
    [InlineData("nvcr.io/nvidia/tritonserver:24.08-py3", "image nvcr.io/nvidia/tritonserver is NVIDIA Triton Inference Server")]
    [InlineData("ollama/ollama", "image docker.io/ollama/ollama is Ollama")]
    [InlineData("pytorch/torchserve:0.12.0-gpu", "image docker.io/pytorch/torchserve is TorchServe")]
    [InlineData("kserve/huggingfaceserver:v0.14.0", "image docker.io/kserve/huggingfaceserver is KServe runtime (Hugging Face)")]
    [InlineData("seldonio/mlserver:1.6.1", "image docker.io/seldonio/mlserver is Seldon MLServer")]
    [InlineData("rayproject/ray-ml:2.9.0-gpu", "image docker.io/rayproject/ray-ml is Ray Serve")]
    [InlineData("ghcr.io/ggerganov/llama.cpp:server-cuda", "image ghcr.io/ggerganov/llama.cpp is llama.cpp server")]
    [InlineData("nvcr.io/nim/meta/llama-3.1-8b-instruct:1.3", "image nvcr.io/nim/meta/llama-3.1-8b-instruct is NVIDIA NIM")]
    [InlineData("mirror.gcr.io/vllm/vllm-openai:v0.6.4", "image mirror.gcr.io/vllm/vllm-openai is vLLM (a mirror of docker.io/vllm/vllm-openai)")]
    [InlineData("harbor.acme.io/dockerhub/vllm/vllm-openai:v0.6.4", "image harbor.acme.io/dockerhub/vllm/vllm-openai is vLLM (a mirror of docker.io/vllm/vllm-openai)")]
    [InlineData("localhost:5000/nvidia/tritonserver:24.08-py3", "image localhost:5000/nvidia/tritonserver is NVIDIA Triton Inference Server (a mirror of nvcr.io/nvidia/tritonserver)")]
    public void Recognises_inference_servers_by_normalized_repository(string image, string reason)
    {
        var found = Detector().Detect("Deployment", Meta(), Spec(image));

        Assert.NotNull(found);
        Assert.Equal([reason], found.Reasons);
        Assert.Equal([image], found.Images);
        Assert.Equal(("Deployment", "ml", "w"), (found.Kind, found.Namespace, found.Name));
    }

    [Theory]
    [InlineData("nginx:1.27")]
    [InlineData("vllm/vllm-openai-evil:1")]
    [InlineData("ghcr.io/acme/vllm-openai:1")]
    [InlineData("docker.io/vllm/vllm-openaiX")]
    [InlineData("registry.acme.io/nim/x")]
    [InlineData("not a valid image!!")]
    public void Ignores_images_that_only_resemble_a_server(string image) =>
        Assert.Null(Detector().Detect("Deployment", Meta(), Spec(image)));

    [Fact]
    public void Finds_a_server_in_an_init_container_and_lists_every_image_once()
    {
        var spec = Spec("nginx", "nginx");
        spec.InitContainers = [new V1Container { Name = "warm", Image = "ollama/ollama:0.3" }];

        var found = Detector().Detect("StatefulSet", Meta(), spec);

        Assert.NotNull(found);
        Assert.Equal(["ollama/ollama:0.3", "nginx"], found.Images);
        Assert.Equal(["image docker.io/ollama/ollama is Ollama"], found.Reasons);
    }

    [Theory]
    [InlineData("requests", "nvidia.com/gpu", "1", "requests nvidia.com/gpu: 1")]
    [InlineData("limits", "nvidia.com/gpu", "2", "limits nvidia.com/gpu: 2")]
    [InlineData("limits", "amd.com/gpu", "1", "limits amd.com/gpu: 1")]
    [InlineData("limits", "nvidia.com/mig-1g.5gb", "1", "limits nvidia.com/mig-1g.5gb: 1")]
    public void Reports_gpu_requests_and_limits(string where, string resource, string quantity, string reason)
    {
        var spec = Spec("ghcr.io/acme/app:1");
        var amounts = new Dictionary<string, ResourceQuantity> { [resource] = new(quantity), ["cpu"] = new("2") };
        spec.Containers[0].Resources = where == "requests" ? new V1ResourceRequirements { Requests = amounts } : new V1ResourceRequirements { Limits = amounts };

        var found = Detector().Detect("DaemonSet", Meta(), spec);

        Assert.NotNull(found);
        Assert.Equal([reason], found.Reasons);
    }

    [Fact]
    public void Reports_a_gpu_once_per_container_when_both_requested_and_limited()
    {
        var spec = Spec("ghcr.io/acme/app:1");
        var amounts = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") };
        spec.Containers[0].Resources = new V1ResourceRequirements { Requests = amounts, Limits = amounts };

        Assert.Equal(["requests nvidia.com/gpu: 1"], Detector().Detect("Deployment", Meta(), spec)?.Reasons);
    }

    [Theory]
    [InlineData("nvidia.com/gpu", "0")]
    [InlineData("cpu", "4")]
    [InlineData("example.com/gpu", "1")]
    public void Ignores_zero_and_non_gpu_resources(string resource, string quantity)
    {
        var spec = Spec("ghcr.io/acme/app:1");
        spec.Containers[0].Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { [resource] = new(quantity) } };

        Assert.Null(Detector().Detect("Deployment", Meta(), spec));
    }

    [Theory]
    [InlineData("ghcr.io/acme/llm-server", "ghcr.io/acme/llm-server:1.0", "image ghcr.io/acme/llm-server is under ghcr.io/acme/llm-server (GuardPolicy spec.inventory.inferenceImages)")]
    [InlineData("ghcr.io/acme", "ghcr.io/acme/llm/server:1.0", "image ghcr.io/acme/llm/server is under ghcr.io/acme (GuardPolicy spec.inventory.inferenceImages)")]
    [InlineData("acme/llm", "acme/llm:3", "image docker.io/acme/llm is under docker.io/acme/llm (GuardPolicy spec.inventory.inferenceImages)")]
    public void Extends_the_catalog_with_policy_repositories(string extra, string image, string reason) =>
        Assert.Equal([reason], Detector(extra).Detect("Deployment", Meta(), Spec(image))?.Reasons);

    [Theory]
    [InlineData("ghcr.io/acme/llm-server", "ghcr.io/acme/llm-server-evil:1")]
    [InlineData("not valid!!", "ghcr.io/acme/x:1")]
    [InlineData("", "ghcr.io/acme/x:1")]
    public void Policy_repositories_match_on_a_path_boundary_and_invalid_ones_match_nothing(string extra, string image) =>
        Assert.Null(Detector(extra).Detect("Deployment", Meta(), Spec(image)));

    [Fact]
    public void Leaves_out_the_deployment_a_live_model_controls()
    {
        var meta = Meta("scorer", ModelOwner("scorer", "uid-live"));

        Assert.Null(Detector().Detect("Deployment", meta, Spec("vllm/vllm-openai:v0.6.4")));
    }

    [Fact]
    public void Leaves_out_pods_with_a_controller_and_reports_bare_pods()
    {
        var owned = Meta("p", new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = "u1", Controller = true });
        var ownedButNotControlled = Meta("q", new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "cm", Uid = "u2", Controller = false });

        Assert.Null(Detector().Detect("Pod", owned, Spec("vllm/vllm-openai")));
        Assert.NotNull(Detector().Detect("Pod", ownedButNotControlled, Spec("vllm/vllm-openai")));
        Assert.NotNull(Detector().Detect("Pod", Meta("bare"), Spec("vllm/vllm-openai")));
    }

    [Fact]
    public void Reports_deployments_that_another_controller_runs()
    {
        var kserve = Meta("isvc-predictor", new V1OwnerReference { ApiVersion = "serving.kserve.io/v1beta1", Kind = "InferenceService", Name = "isvc", Uid = "u3", Controller = true });

        Assert.NotNull(Detector().Detect("Deployment", kserve, Spec("kserve/huggingfaceserver:v0.14.0")));
    }

    [Fact]
    public void Matches_nothing_without_a_pod_spec() => Assert.Null(Detector().Detect("Deployment", Meta(), null));

    [Fact]
    public void Defaults_a_missing_namespace_like_the_api_server()
    {
        var meta = new V1ObjectMeta { Name = "w" };

        Assert.Equal("default", Detector().Detect("Deployment", meta, Spec("ollama/ollama"))?.Namespace);
    }
}
