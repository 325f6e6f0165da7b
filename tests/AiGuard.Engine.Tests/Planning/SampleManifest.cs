using System.Text.Json;
using AiGuard.Api.ModelDeployments;
using k8s;

namespace AiGuard.Engine.Tests.Planning;

/// <summary>
/// SampleManifest reads a ModelDeployment YAML sample. KubernetesYaml parses the YAML (unquoted scalars become
/// numbers and booleans, as in kubectl), and KubernetesJson binds it, because KubernetesYaml maps JsonPropertyName
/// only for its own k8s.Models types: binding AiGuard types directly would miss names like <c>allowDNS</c>.
/// </summary>
internal static class SampleManifest
{
    public static ModelDeployment ReadModel(string yaml)
    {
        var tree = KubernetesYaml.Deserialize<Dictionary<string, object?>>(yaml, strict: true);
        var model = KubernetesJson.Deserialize<ModelDeployment>(JsonSerializer.Serialize(tree));
        Assert.Equal(ModelDeployment.KubeKind, model.Kind);
        return model;
    }
}
