using AiGuard.Engine.Images;

namespace AiGuard.Engine.Inventory;

/// <summary>
/// InferenceServerCatalog maps the image repositories of well-known model servers to their names. An entry covers
/// its repository and everything under it on a path boundary (<c>nvcr.io/nim</c> covers <c>nvcr.io/nim/meta/llama3</c>),
/// and, for entries with at least two path parts, the same path on any other registry, because clusters pull
/// through mirrors and proxy caches (<c>harbor.acme.io/dockerhub/vllm/vllm-openai</c> is still vLLM).
/// GuardPolicy <c>spec.inventory.inferenceImages</c> adds repositories; docs/reports.md lists this catalog.
/// </summary>
public static class InferenceServerCatalog
{
    /// <summary>The built-in entries: normalized repository (or repository prefix) to server name.</summary>
    public static IReadOnlyDictionary<string, string> Entries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["docker.io/vllm/vllm-openai"] = "vLLM",
        ["docker.io/vllm/vllm-openai-rocm"] = "vLLM",
        ["docker.io/rocm/vllm"] = "vLLM",
        ["public.ecr.aws/q9t5s3a7/vllm-cpu-release-repo"] = "vLLM",
        ["ghcr.io/huggingface/text-generation-inference"] = "Text Generation Inference (TGI)",
        ["ghcr.io/huggingface/text-embeddings-inference"] = "Text Embeddings Inference (TEI)",
        ["nvcr.io/nvidia/tritonserver"] = "NVIDIA Triton Inference Server",
        ["nvcr.io/nim"] = "NVIDIA NIM",
        ["docker.io/ollama/ollama"] = "Ollama",
        ["docker.io/pytorch/torchserve"] = "TorchServe",
        ["docker.io/pytorch/torchserve-kfs"] = "TorchServe",
        ["docker.io/pytorch/torchserve-nightly"] = "TorchServe",
        ["docker.io/kserve/sklearnserver"] = "KServe runtime (scikit-learn)",
        ["docker.io/kserve/xgbserver"] = "KServe runtime (XGBoost)",
        ["docker.io/kserve/lgbserver"] = "KServe runtime (LightGBM)",
        ["docker.io/kserve/pmmlserver"] = "KServe runtime (PMML)",
        ["docker.io/kserve/paddleserver"] = "KServe runtime (Paddle)",
        ["docker.io/kserve/huggingfaceserver"] = "KServe runtime (Hugging Face)",
        ["docker.io/seldonio/mlserver"] = "Seldon MLServer",
        ["docker.io/seldonio/sklearnserver"] = "Seldon runtime (scikit-learn)",
        ["docker.io/seldonio/xgboostserver"] = "Seldon runtime (XGBoost)",
        ["docker.io/seldonio/mlflowserver"] = "Seldon runtime (MLflow)",
        ["docker.io/seldonio/tfserving-proxy"] = "Seldon runtime (TensorFlow Serving proxy)",
        ["docker.io/tensorflow/serving"] = "TensorFlow Serving",
        ["docker.io/rayproject/ray"] = "Ray Serve",
        ["docker.io/rayproject/ray-ml"] = "Ray Serve",
        ["docker.io/rayproject/ray-llm"] = "Ray Serve",
        ["ghcr.io/ggerganov/llama.cpp"] = "llama.cpp server",
        ["ghcr.io/ggml-org/llama.cpp"] = "llama.cpp server",
        ["docker.io/lmsysorg/sglang"] = "SGLang",
        ["docker.io/localai/localai"] = "LocalAI",
        ["docker.io/openvino/model_server"] = "OpenVINO Model Server",
        ["docker.io/bentoml/bentoml"] = "BentoML",
    };

    /// <summary>
    /// The server <paramref name="image"/> runs according to the built-in catalog, with the entry that matched, or
    /// null. An entry on the image's own registry wins over a mirror match.
    /// </summary>
    public static (string Repository, string Server, bool ViaMirror)? Match(ImageReference image)
    {
        foreach (var (repository, server) in Entries)
        {
            if (image.IsUnder(repository))
            {
                return (repository, server, false);
            }
        }

        foreach (var (repository, server) in Entries)
        {
            if (IsMirrorOf(image, repository))
            {
                return (repository, server, true);
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="image"/>'s repository path ends with the entry's path on another registry. Entries
    /// with a single path part (<c>nvcr.io/nim</c>) are too generic to recognise without their registry.
    /// </summary>
    internal static bool IsMirrorOf(ImageReference image, string entry)
    {
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var path = entry[(slash + 1)..];
        if (!path.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        return image.Repository == path || image.Repository.EndsWith("/" + path, StringComparison.Ordinal);
    }
}
