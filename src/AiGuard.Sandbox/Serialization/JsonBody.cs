using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Limits;

namespace AiGuard.Sandbox.Serialization;

/// <summary>
/// Decodes a JSON request body into nodes without recursion: nesting beyond <see cref="ApiLimits.MaxNestingDepth"/>
/// is a <see cref="JsonException"/>, and a repeated field keeps its last value and is reported (JsonNode.Parse would
/// throw on it instead), so hostile bodies become 400s, never stack overflows or 500s.
/// </summary>
internal static class JsonBody
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = ApiLimits.MaxNestingDepth };

    public static DecodedBody Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return Build(utf8);
        }
        catch (InvalidOperationException e)
        {
            // The reader throws this for strings that are not valid UTF-8; for the client it is malformed JSON.
            throw new JsonException(e.Message, e);
        }
    }

    private static DecodedBody Build(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var open = new Stack<(JsonNode Container, string Path)>();
        var duplicates = new List<string>();
        string? key = null;
        JsonNode? root = null;
        var done = false;
        while (reader.Read())
        {
            if (done)
            {
                throw new JsonException($"unexpected data after the top-level value at byte {reader.TokenStartIndex}");
            }

            JsonNode? value;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    key = reader.GetString()!;
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var (finished, _) = open.Pop();
                    if (open.Count == 0)
                    {
                        root = finished;
                        done = true;
                    }

                    continue;
                case JsonTokenType.StartObject:
                    value = new JsonObject();
                    break;
                case JsonTokenType.StartArray:
                    value = new JsonArray();
                    break;
                case JsonTokenType.String:
                    value = JsonValue.Create(reader.GetString());
                    break;
                case JsonTokenType.Number:
                    value = JsonValue.Create(JsonElement.ParseValue(ref reader));
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    value = JsonValue.Create(reader.GetBoolean());
                    break;
                default:
                    value = null;
                    break;
            }

            var path = Attach(open, ref key, value, duplicates);
            if (value is JsonObject or JsonArray)
            {
                open.Push((value, path));
            }
            else if (open.Count == 0)
            {
                root = value;
                done = true;
            }
        }

        return new DecodedBody(root, duplicates);
    }

    // Adds a value to the innermost open container and returns the value's field path.
    private static string Attach(Stack<(JsonNode Container, string Path)> open, ref string? key, JsonNode? value, List<string> duplicates)
    {
        if (open.Count == 0)
        {
            return "";
        }

        var (container, parentPath) = open.Peek();
        if (container is JsonArray array)
        {
            array.Add(value);
            return FieldPath.Index(parentPath, array.Count - 1);
        }

        var obj = (JsonObject)container;
        var name = key!;
        key = null;
        var path = FieldPath.Child(parentPath, name);
        if (obj.ContainsKey(name))
        {
            duplicates.Add(path);
        }

        obj[name] = value;
        return path;
    }
}
