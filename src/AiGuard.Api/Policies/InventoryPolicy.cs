using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.Policies;

/// <summary>
/// InventoryPolicy tunes shadow-AI detection: which workloads the operator reports as inference servers that no
/// ModelDeployment guards. The built-in catalog (docs/reports.md, "Shadow AI") covers public servers; in-house
/// servers only a cluster admin knows about are added here.
/// </summary>
public sealed class InventoryPolicy
{
    [Description("Extra image repositories that run inference servers, e.g. ghcr.io/acme/llm-server; each covers itself and everything under it on a path boundary. Normalized like the container runtime (acme/llm = docker.io/acme/llm). Applies cluster-wide: namespaceSelector does not narrow it.")]
    [ItemLimits(maxItems: 64)]
    [Pattern(Patterns.ImageRepository)]
    [StringLengthLimits(minLength: 1, maxLength: 255)]
    [JsonPropertyName("inferenceImages")] public List<string>? InferenceImages { get; set; }
}
