using System.Text.Json;
using k8s;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Support;

/// <summary>A small test CRD (widgets.test.aiguard.io) with a schema, status subresource, printer columns and CEL rules.</summary>
public static class Crds
{
    public const string Group = "test.aiguard.io";
    public const string Plural = "widgets";

    public static string Json => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "crd", "widgets.yaml"));

    public static V1CustomResourceDefinition Widget() =>
        KubernetesYaml.Deserialize<V1CustomResourceDefinition>(Json);

    public static Dictionary<string, object> NewWidget(string name, string size = "small", int replicas = 1) => new()
    {
        ["apiVersion"] = Group + "/v1",
        ["kind"] = "Widget",
        ["metadata"] = new Dictionary<string, object> { ["name"] = name },
        ["spec"] = new Dictionary<string, object> { ["size"] = size, ["replicas"] = replicas },
    };

    public static JsonElement AsJson(object obj) => JsonSerializer.SerializeToElement(obj);
}
