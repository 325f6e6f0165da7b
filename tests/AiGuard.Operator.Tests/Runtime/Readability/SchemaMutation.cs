using System.Text.Json.Nodes;

namespace AiGuard.Operator.Tests.Runtime.Readability;

/// <summary>
/// One field of a seed object set to one edge value (or removed): <see cref="Path"/> names the field as the API server's
/// errors do, <see cref="Field"/> names its schema node (<c>[]</c> for any list item, <c>{}</c> for any map value),
/// <see cref="Value"/> is the raw JSON written there (null when the field is removed).
/// </summary>
internal sealed record SchemaMutation(IReadOnlyList<object> Segments, string Field, string? Value)
{
    /// <summary>The field, e.g. <c>spec.serving.resources.limits[cpu]</c>.</summary>
    public string Path => string.Concat(Segments.Select((s, i) => s switch
    {
        int index => $"[{index}]",
        string name when i > 0 && name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c)) => "." + name,
        string name when i == 0 => name,
        string name => "[" + SchemaEdgeValues.Quote(name) + "]",
        _ => "?",
    }));

    /// <summary>The field and its value, long values shortened: what a failure reports.</summary>
    public override string ToString()
    {
        var value = Value ?? "(absent)";
        return $"{Path} = {(value.Length <= 80 ? value : $"{value[..60]}... ({value.Length} chars)")}";
    }

    /// <summary>A copy of <paramref name="seed"/> with this field changed; missing parents are created empty.</summary>
    public JsonObject ApplyTo(JsonObject seed)
    {
        var copy = seed.DeepClone().AsObject();
        JsonNode parent = copy;
        for (var i = 0; i < Segments.Count - 1; i++)
        {
            parent = Child(parent, Segments[i], Segments[i + 1] is int ? () => new JsonArray() : () => new JsonObject());
        }

        var last = Segments[^1];
        var value = Value is null ? null : JsonNode.Parse(Value);
        switch (parent, last)
        {
            case (JsonObject obj, string name) when Value is null:
                obj.Remove(name);
                break;
            case (JsonObject obj, string name):
                obj[name] = value;
                break;
            case (JsonArray array, int index) when Value is null:
                if (index < array.Count)
                {
                    array.RemoveAt(index);
                }

                break;
            case (JsonArray array, int index) when index < array.Count:
                array[index] = value;
                break;
            case (JsonArray array, _):
                array.Add(value);
                break;
            default:
                throw new InvalidOperationException($"{Path}: the seed's parent is not an object or array");
        }

        return copy;
    }

    private static JsonNode Child(JsonNode parent, object segment, Func<JsonNode> create)
    {
        switch (parent, segment)
        {
            case (JsonObject obj, string name):
                if (obj[name] is not { } existing || existing.GetValueKind() != create().GetValueKind())
                {
                    existing = create();
                    obj[name] = existing;
                }

                return existing;
            case (JsonArray array, int index):
                if (index >= array.Count)
                {
                    array.Add(create());
                    return array[^1]!;
                }

                return array[index] ?? (array[index] = create());
            default:
                throw new InvalidOperationException($"segment {segment} does not fit {parent.GetValueKind()}");
        }
    }
}
