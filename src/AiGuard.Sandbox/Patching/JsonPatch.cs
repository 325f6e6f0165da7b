using System.Text.Json;
using System.Text.Json.Nodes;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Patching;

/// <summary>
/// JSON patch (RFC 6902), the <c>application/json-patch+json</c> patch type: add, remove, replace, move, copy and
/// test over RFC 6901 pointers. The operations apply in order to a copy; any failure throws
/// <see cref="PatchException"/> and leaves the input untouched.
/// </summary>
public static class JsonPatch
{
    /// <summary>Applies <paramref name="operations"/> to a copy of <paramref name="target"/> and returns the result.</summary>
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        JsonNode? document = target.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw new PatchException($"json-patch operation {i} is not a JSON object");
            }

            document = ApplyOne(document, operation, i);
        }

        return document ?? throw new PatchException("json-patch would leave no document (the root was removed or set to null)");
    }

    private static JsonNode? ApplyOne(JsonNode? document, JsonObject operation, int position)
    {
        var op = RequiredString(operation, "op", "operation", position);
        var path = JsonPointer.Parse(RequiredString(operation, "path", op, position), op, "path");
        switch (op)
        {
            case "add":
                return Add(document, path, RequiredValue(operation, op, position), op);
            case "remove":
                return Remove(document, path, op).Document;
            case "replace":
                return Replace(document, path, RequiredValue(operation, op, position), op);
            case "move":
                {
                    var from = JsonPointer.Parse(RequiredString(operation, "from", op, position), op, "from");
                    if (from.IsPrefixOf(path) && from.Tokens.Count != path.Tokens.Count)
                    {
                        throw new PatchException($"json-patch move: cannot move \"{from.Text}\" into its own child \"{path.Text}\"");
                    }

                    var (removed, value) = Remove(document, from, op);
                    return Add(removed, path, value, op);
                }

            case "copy":
                {
                    var from = JsonPointer.Parse(RequiredString(operation, "from", op, position), op, "from");
                    return Add(document, path, Get(document, from, op)?.DeepClone(), op);
                }

            case "test":
                {
                    var expected = RequiredValue(operation, op, position);
                    var actual = Get(document, path, op);
                    if (!JsonSemantics.AreEqual(actual, expected))
                    {
                        throw new PatchException($"json-patch test operation failed: value at \"{path.Text}\" is {Render(actual)}, expected {Render(expected)}");
                    }

                    return document;
                }

            default:
                throw new PatchException($"json-patch operation {position}: unknown op \"{op}\" (expected add, remove, replace, move, copy or test)");
        }
    }

    private static JsonNode? Get(JsonNode? document, JsonPointer path, string op)
    {
        var current = document;
        foreach (var token in path.Tokens)
        {
            current = Child(current, token, path, op);
        }

        return current;
    }

    private static JsonNode? Child(JsonNode? node, string token, JsonPointer path, string op)
    {
        switch (node)
        {
            case JsonObject obj when obj.TryGetPropertyValue(token, out var value):
                return value;
            case JsonArray array when JsonPointer.TryParseIndex(token, array.Count, allowEnd: false, out var index):
                return array[index];
            default:
                throw new PatchException($"json-patch {op}: path \"{path.Text}\" does not exist");
        }
    }

    private static JsonNode? Parent(JsonNode? document, JsonPointer path, string op)
    {
        var current = document;
        for (var i = 0; i < path.Tokens.Count - 1; i++)
        {
            current = Child(current, path.Tokens[i], path, op);
        }

        return current;
    }

    private static JsonNode? Add(JsonNode? document, JsonPointer path, JsonNode? value, string op)
    {
        // A node can have only one parent; detach anything we insert so the caller's tree stays intact.
        value = value?.Parent is null ? value : value.DeepClone();
        if (path.IsRoot)
        {
            return value;
        }

        var token = path.Tokens[^1];
        switch (Parent(document, path, op))
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array:
                if (!JsonPointer.TryParseIndex(token, array.Count, allowEnd: true, out var index))
                {
                    throw new PatchException($"json-patch {op}: index \"{token}\" in \"{path.Text}\" is out of range for an array of {array.Count}");
                }

                array.Insert(index, value);
                break;
            default:
                throw new PatchException($"json-patch {op}: the parent of \"{path.Text}\" is not an object or array");
        }

        return document;
    }

    /// <summary>Replaces in place so the member keeps its position (clients diff the serialized object).</summary>
    private static JsonNode? Replace(JsonNode? document, JsonPointer path, JsonNode? value, string op)
    {
        value = value?.DeepClone();
        if (path.IsRoot)
        {
            return value;
        }

        var token = path.Tokens[^1];
        switch (Parent(document, path, op))
        {
            case JsonObject obj when obj.ContainsKey(token):
                obj[token] = value;
                return document;
            case JsonArray array when JsonPointer.TryParseIndex(token, array.Count, allowEnd: false, out var index):
                array[index] = value;
                return document;
            default:
                throw new PatchException($"json-patch {op}: path \"{path.Text}\" does not exist");
        }
    }

    private static (JsonNode? Document, JsonNode? Value) Remove(JsonNode? document, JsonPointer path, string op)
    {
        if (path.IsRoot)
        {
            return (null, document);
        }

        var token = path.Tokens[^1];
        switch (Parent(document, path, op))
        {
            case JsonObject obj when obj.TryGetPropertyValue(token, out var value):
                obj.Remove(token);
                return (document, value);
            case JsonArray array when JsonPointer.TryParseIndex(token, array.Count, allowEnd: false, out var index):
                var item = array[index];
                array.RemoveAt(index);
                return (document, item);
            default:
                throw new PatchException($"json-patch {op}: path \"{path.Text}\" does not exist");
        }
    }

    private static string RequiredString(JsonObject operation, string member, string op, int position)
    {
        if (operation[member] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        throw new PatchException($"json-patch operation {position} ({op}): missing string member \"{member}\"");
    }

    private static JsonNode? RequiredValue(JsonObject operation, string op, int position)
    {
        if (!operation.TryGetPropertyValue("value", out var value))
        {
            throw new PatchException($"json-patch operation {position} ({op}): missing member \"value\"");
        }

        return value;
    }

    private static string Render(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 200 ? text[..200] + "..." : text;
    }
}
