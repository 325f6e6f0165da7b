using System.Text.Json.Nodes;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Testing;
using k8s;

namespace AiGuard.Api.Tests.Support;

/// <summary>Samples loads the manifests under config/samples, as YAML text, as raw JSON trees and as typed objects.</summary>
internal static class Samples
{
    public static string Directory => RepositoryRoot.Combine("config", "samples");

    public static IEnumerable<string> FileNames =>
        System.IO.Directory.GetFiles(Directory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static string Text(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    public static JsonNode Raw(string fileName) => YamlDocuments.ParseSingle(Text(fileName));

    public static ModelDeployment ModelDeployment(string fileName) => KubernetesYaml.Deserialize<ModelDeployment>(Text(fileName));

    public static GuardPolicy Baseline => KubernetesYaml.Deserialize<GuardPolicy>(Text("guardpolicy-baseline.yaml"));

    public static GuardException TritonException => KubernetesYaml.Deserialize<GuardException>(Text("guardexception-triton.yaml"));
}
