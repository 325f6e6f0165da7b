using System.Globalization;
using System.Text.Json.Nodes;

namespace AiGuard.Operator.Tests.Runtime.Readability;

/// <summary>
/// Walks a CRD's openAPIV3Schema alongside a seed object and yields every one-field change to an edge value
/// (<see cref="SchemaEdgeValues"/>): each field absent and null, every object empty, every map empty, with hundreds of
/// keys, with odd keys and with a null value, every list empty, at maxItems and holding a null, and every scalar at its
/// type's edges. Fields the seed lacks are walked too (their parents are created), so a sparse seed still reaches every
/// field; the schema decides afterwards which changes the API server would store.
/// </summary>
internal static class SchemaMutations
{
    private const int ManyKeys = 300;

    private static readonly string[] OddKeys =
        ["", "\U0001F600", "a\0b", "a\nb", "\"", "a.b/c", "AIG-NET-01", new string('k', 317)];

    /// <summary>
    /// The metadata fields any writer of the object sets freely (the CRD says only <c>type: object</c>; the API server
    /// checks label syntax, not the schema): read by the cache's pooled map and list converters.
    /// </summary>
    private static readonly JsonObject WritableMetadata = JsonNode.Parse("""
        {"type":"object","properties":{
          "labels":{"type":"object","additionalProperties":{"type":"string"}},
          "annotations":{"type":"object","additionalProperties":{"type":"string"}},
          "finalizers":{"type":"array","items":{"type":"string"}}}}
        """)!.AsObject();

    /// <summary>The changes below the root's <c>spec</c> and <c>status</c>, and of the metadata every writer sets (labels, annotations, finalizers).</summary>
    public static IEnumerable<SchemaMutation> Of(JsonObject seed, JsonObject rootSchema)
    {
        foreach (var mutation in ObjectChildren(WritableMetadata, seed["metadata"] as JsonObject, ["metadata"], "metadata"))
        {
            yield return mutation;
        }

        var properties = rootSchema["properties"]!.AsObject();
        foreach (var top in new[] { "spec", "status" }.Where(properties.ContainsKey))
        {
            foreach (var mutation in Walk(properties[top]!.AsObject(), seed[top], seed.ContainsKey(top), [top], top))
            {
                yield return mutation;
            }
        }
    }

    /// <summary>The scalar fields below <c>spec</c> and <c>status</c>, named as <see cref="SchemaMutation.Field"/> names them.</summary>
    public static IEnumerable<string> ScalarFields(JsonObject rootSchema)
    {
        var properties = rootSchema["properties"]!.AsObject();
        return new[] { "spec", "status" }.Where(properties.ContainsKey).SelectMany(top => ScalarFields(properties[top]!.AsObject(), top));
    }

    private static IEnumerable<string> ScalarFields(JsonObject schema, string field)
    {
        var children = (schema["properties"] as JsonObject ?? []).Select(p => (p.Value!.AsObject(), field + "." + p.Key))
            .Concat(schema["items"] is JsonObject items ? [(items, field + "[]")] : [])
            .Concat(schema["additionalProperties"] is JsonObject values ? [(values, field + "{}")] : [])
            .ToList();
        return children.Count == 0 ? [field] : children.SelectMany(c => ScalarFields(c.Item1, c.Item2));
    }

    private static IEnumerable<SchemaMutation> Walk(JsonObject schema, JsonNode? current, bool present, List<object> at, string field)
    {
        if (present)
        {
            yield return new SchemaMutation(at, field, null);
        }

        yield return new SchemaMutation(at, field, "null");
        var values = schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true
            ? SchemaEdgeValues.IntOrStrings()
            : (schema["type"]?.GetValue<string>()) switch
            {
                "string" => SchemaEdgeValues.Strings(schema, current),
                "integer" or "number" => SchemaEdgeValues.Integers(schema),
                "boolean" => ["true", "false", "\"true\"", "0"],
                "object" => ObjectValues(schema, current as JsonObject),
                "array" => ArrayValues(schema, current as JsonArray),
                _ => [],
            };
        foreach (var value in values)
        {
            yield return new SchemaMutation(at, field, value);
        }

        var children = (schema["type"]?.GetValue<string>()) switch
        {
            "object" => ObjectChildren(schema, current as JsonObject, at, field),
            "array" => ArrayChildren(schema, current as JsonArray, at, field),
            _ => [],
        };
        foreach (var child in children)
        {
            yield return child;
        }
    }

    private static IEnumerable<string> ObjectValues(JsonObject schema, JsonObject? current)
    {
        yield return "{}";
        if (schema["additionalProperties"] is not JsonObject values)
        {
            yield break;
        }

        var sample = current?.FirstOrDefault().Value?.ToJsonString() ?? Sample(values);
        yield return Map(ManyKeys, sample);
        if (schema["maxProperties"] is { } max)
        {
            yield return Map(max.GetValue<int>(), sample);
        }
    }

    private static IEnumerable<SchemaMutation> ObjectChildren(JsonObject schema, JsonObject? current, List<object> at, string field)
    {
        foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
        {
            foreach (var mutation in Walk(property!.AsObject(), current?[name], current?.ContainsKey(name) == true, [.. at, name], field + "." + name))
            {
                yield return mutation;
            }
        }

        if (schema["additionalProperties"] is not JsonObject values)
        {
            yield break;
        }

        var sample = current?.FirstOrDefault().Value?.ToJsonString() ?? Sample(values);
        foreach (var key in OddKeys)
        {
            yield return new SchemaMutation([.. at, key], field + "{}", sample);
        }

        foreach (var (key, value) in current ?? [])
        {
            foreach (var mutation in Walk(values, value, true, [.. at, key], field + "{}"))
            {
                yield return mutation;
            }
        }

        foreach (var mutation in Walk(values, null, false, [.. at, "AIG-ADD-01"], field + "{}"))
        {
            yield return mutation;
        }
    }

    private static IEnumerable<string> ArrayValues(JsonObject schema, JsonArray? current)
    {
        yield return "[]";
        yield return "[null]";
        if (current is { Count: > 0 } && current[0] is { } first)
        {
            var count = schema["maxItems"]?.GetValue<int>() ?? ManyKeys;
            yield return "[" + string.Join(',', Enumerable.Repeat(first.ToJsonString(), count)) + "]";
        }
    }

    private static IEnumerable<SchemaMutation> ArrayChildren(JsonObject schema, JsonArray? current, List<object> at, string field)
    {
        if (schema["items"] is not JsonObject items)
        {
            yield break;
        }

        var count = Math.Max(current?.Count ?? 0, 1);
        for (var i = 0; i < count; i++)
        {
            var present = current is not null && i < current.Count;
            foreach (var mutation in Walk(items, present ? current![i] : null, present, [.. at, i], field + "[]"))
            {
                yield return mutation;
            }
        }
    }

    /// <summary>A map of <paramref name="count"/> control-id keys (valid under every map of these CRDs) to one value.</summary>
    private static string Map(int count, string value) =>
        "{" + string.Join(',', Enumerable.Range(0, count).Select(i => SchemaEdgeValues.Quote(ControlId(i)) + ":" + value)) + "}";

    private static string ControlId(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"AIG-{(char)('A' + (i / 100 % 26))}{(char)('A' + (i / 2600 % 26))}-{i % 100:00}");

    private static string Sample(JsonObject schema) => (schema["type"]?.GetValue<string>()) switch
    {
        "object" => "{}",
        "integer" or "number" => "1",
        "boolean" => "true",
        _ => "\"1\"",
    };
}
