using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace AiGuard.Api.Crds;

/// <summary>
/// CrdYaml writes CRDs as YAML that <c>kubectl apply</c> accepts. It goes through the KubernetesClient JSON form, so
/// field names and omitted nulls match the wire format exactly, and keeps JSON's key order, so output is stable.
/// Whole numbers are written as integers (<c>maximum: 65535</c>, not <c>65535.0</c>).
/// </summary>
public static class CrdYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .WithNewLine("\n")
        .Build();

    /// <summary>Serializes one CRD as a single YAML document (no leading <c>---</c>).</summary>
    public static string Serialize(V1CustomResourceDefinition crd)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(crd))
            ?? throw new InvalidOperationException("CRD serialized to JSON null.");
        return Serializer.Serialize(ToYamlValue(node));
    }

    /// <summary>Serializes several CRDs as one multi-document YAML stream, each document starting with <c>---</c>.</summary>
    public static string Serialize(IEnumerable<V1CustomResourceDefinition> crds)
    {
        var text = new StringBuilder();
        foreach (var crd in crds)
        {
            text.Append("---\n").Append(Serialize(crd));
        }

        return text.ToString();
    }

    /// <summary>The file name kubebuilder's layout uses under config/crd/bases: <c>aiguard.io_&lt;plural&gt;.yaml</c>.</summary>
    public static string FileName(V1CustomResourceDefinition crd) => $"{crd.Spec.Group}_{crd.Spec.Names.Plural}.yaml";

    private static object? ToYamlValue(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToYamlValue(p.Value)),
        JsonArray array => array.Select(ToYamlValue).ToList(),
        JsonValue value => ScalarOf(value),
        _ => throw new InvalidOperationException($"Unexpected JSON node {node.GetType().Name}."),
    };

    private static object ScalarOf(JsonValue value)
    {
        var element = value.GetValue<System.Text.Json.JsonElement>();
        return element.ValueKind switch
        {
            System.Text.Json.JsonValueKind.String => element.GetString()!,
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            System.Text.Json.JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
            System.Text.Json.JsonValueKind.Number when element.GetDouble() is var d && d == Math.Floor(d) && Math.Abs(d) < 9e15
                => (long)d,
            System.Text.Json.JsonValueKind.Number => element.GetDouble(),
            _ => throw new InvalidOperationException(
                $"Unexpected JSON value kind {element.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture)}."),
        };
    }
}
