using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using k8s;
using k8s.Models;

namespace AiGuard.Benchmarks;

/// <summary>
/// BenchCluster prepares a sandbox for the operator benchmark (the committed CRDs from config/crd/bases, the
/// namespaces, the GuardPolicy) and reads the fleet back with one LIST to check the operator's view against the server.
/// </summary>
internal static class BenchCluster
{
    public static async Task PrepareAsync(Kubernetes client)
    {
        var directory = Path.Combine(RepositoryRoot(), "config", "crd", "bases");
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var crd in KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file)).OfType<V1CustomResourceDefinition>())
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
            }
        }

        for (var i = 0; i < BenchFleet.NamespaceCount; i++)
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = BenchFleet.Namespace(i) } });
        }

        await client.CustomObjects.CreateClusterCustomObjectAsync<GuardPolicy>(BenchFleet.Policy(), ApiGroup.Group, ApiGroup.Version, GuardPolicy.Plural);
    }

    /// <summary>Models whose stored phase (one cluster-wide LIST) is the expected one with observedGeneration current.</summary>
    public static async Task<int> CountOnServerAsync(Kubernetes client, int models, Func<int, string> expected)
    {
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<ModelDeploymentList>(ApiGroup.Group, ApiGroup.Version, ModelDeployment.Plural);
        var stored = list.Items.ToDictionary(m => (m.Metadata.NamespaceProperty, m.Metadata.Name));
        return Enumerable.Range(0, models).Count(i =>
            stored.TryGetValue((BenchFleet.Namespace(i), BenchFleet.Name(i)), out var m) && IsSettled(m, expected(i)));
    }

    public static bool IsSettled(ModelDeployment? model, string phase) =>
        model?.Status?.Phase == phase && model.Status.ObservedGeneration == model.Metadata.Generation;

    /// <summary>The checkout the bench runs from (its bin folder sits below it): CRDs and the CLI live there.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AiGuardOperator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no AiGuardOperator.sln above {AppContext.BaseDirectory}: run the benchmark from the repository (dotnet run --project bench/AiGuard.Benchmarks)");
    }

    private sealed class ModelDeploymentList
    {
        [System.Text.Json.Serialization.JsonPropertyName("items")] public List<ModelDeployment> Items { get; set; } = [];
    }
}
