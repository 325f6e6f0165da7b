using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using YamlDotNet.Serialization;

namespace AiGuard.Api;

/// <summary>
/// ManifestYaml writes a Kubernetes object as YAML that <c>kubectl apply</c> accepts. It goes through the
/// KubernetesClient JSON form, so field names and omitted nulls match the wire format exactly, and keeps JSON's key
/// order, so output is stable. Strings that YAML would read as another type (<c>"yes"</c>, <c>"1"</c>, <c>"null"</c>)
/// are quoted and the rest are escaped by the emitter, so any text round-trips as the same string. Whole numbers
/// are written as integers (<c>maximum: 65535</c>, not <c>65535.0</c>).
/// </summary>
public static class ManifestYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .WithNewLine("\n")
        .Build();

    /// <summary>Serializes one object as a single YAML document (no leading <c>---</c>).</summary>
    public static string Serialize(object kubernetesObject)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(kubernetesObject))
            ?? throw new InvalidOperationException("the object serialized to JSON null.");
        return Serializer.Serialize(ToYamlValue(node));
    }

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
