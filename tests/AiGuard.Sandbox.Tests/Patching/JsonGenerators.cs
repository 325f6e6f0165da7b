using System.Text.Json.Nodes;
using CsCheck;

namespace AiGuard.Sandbox.Tests.Patching;

/// <summary>Random JSON trees without null members (merge patch cannot express a stored null).</summary>
internal static class JsonGenerators
{
    private static readonly Gen<string> Keys = Gen.Char["abcde"].Select(c => c.ToString());

    private static readonly Gen<JsonNode> Scalar = Gen.OneOf<JsonNode>(
        Gen.Int[-5, 5].Select(i => (JsonNode)JsonValue.Create(i)),
        Gen.Int[0, 2].Select(n => new string('x', n)).Select(s => (JsonNode)JsonValue.Create(s)),
        Gen.Bool.Select(b => (JsonNode)JsonValue.Create(b)));

    public static Gen<JsonObject> Object(int depth) =>
        Gen.Select(Keys, Node(depth - 1)).List[0, 4].Select(pairs =>
        {
            var obj = new JsonObject();
            foreach (var (key, value) in pairs)
            {
                obj[key] = value.DeepClone();
            }

            return obj;
        });

    public static Gen<JsonNode> Node(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency(
            (3, Scalar),
            (2, Object(depth).Select(o => (JsonNode)o)),
            (1, Scalar.List[0, 3].Select(items => (JsonNode)new JsonArray(items.Select(i => i.DeepClone()).ToArray()))));
}
