using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;

namespace AiGuard.Api.ModelDeployments;

/// <summary>ResourceRequirementsSpec holds container limits and requests as Kubernetes quantities.</summary>
public sealed class ResourceRequirementsSpec
{
    [Description("Maximum resources, e.g. memory: 16Gi, nvidia.com/gpu: \"1\".")]
    [JsonPropertyName("limits")] public Dictionary<string, ResourceQuantity>? Limits { get; set; }

    [Description("Requested resources.")]
    [JsonPropertyName("requests")] public Dictionary<string, ResourceQuantity>? Requests { get; set; }
}
