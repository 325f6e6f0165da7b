using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Hosting;

/// <summary>Installs the committed CRDs into a sandbox and reads ModelDeployments back, for the host tests that run the real controller.</summary>
internal static class ClusterSetup
{
    public const string ModelSha = "5a116d9d248e23aded3f2efc2edda46aae1c4b5deb61d76ab2d75452dfdc4e29";
    public const string Image = "ghcr.io/acme/triton:24.08-py3@sha256:946b17aac5d00991806e4ae0581c5a87c856cc9a9134bc9cb7cd0a1aa85ac57f";

    public static async Task InstallCrdsAsync(IKubernetes client)
    {
        var directory = AiGuard.Testing.RepositoryRoot.Combine("config", "crd", "bases");
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var crd in KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file)).OfType<V1CustomResourceDefinition>())
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
            }
        }
    }

    /// <summary>A model that passes every control without a policy.</summary>
    public static ModelDeployment CompliantModel(string ns, string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new ModelDeploymentSpec
        {
            Owner = "team-ml@example.com",
            RiskLevel = RiskLevels.Limited,
            Model = new ModelSource { Uri = $"s3://models/{name}/model.onnx", Sha256 = ModelSha },
            Serving = new ServingSpec { Image = Image, Port = 8000 },
        },
    };

    public static Task<ModelDeployment> CreateAsync(IKubernetes client, ModelDeployment model) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<ModelDeployment>(
            model, ApiGroup.Group, ApiGroup.Version, model.Metadata.NamespaceProperty, ModelDeployment.Plural);

    public static Task<ModelDeployment> GetAsync(IKubernetes client, string ns, string name) =>
        client.CustomObjects.GetNamespacedCustomObjectAsync<ModelDeployment>(ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural, name);

    public static Task AnnotateAsync(IKubernetes client, string ns, string name, string key, string value) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(
                System.Text.Json.JsonSerializer.Serialize(new { metadata = new { annotations = new Dictionary<string, string> { [key] = value } } }),
                V1Patch.PatchType.MergePatch),
            ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural, name);

    /// <summary>Polls the stored model until its reconciled phase (for the current generation) is <paramref name="phase"/>.</summary>
    public static Task<ModelDeployment> WaitForPhaseAsync(IKubernetes client, string ns, string name, string phase, TimeSpan timeout) =>
        Eventually.ReturnsAsync(
            () => GetAsync(client, ns, name),
            last => last.Status?.Phase == phase && last.Status.ObservedGeneration == last.Metadata.Generation,
            last => $"{ns}/{name} to reach phase {phase}; last phase {last.Status?.Phase}",
            timeout);
}
