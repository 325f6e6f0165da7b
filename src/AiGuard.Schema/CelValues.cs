using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGuard.Schema;

/// <summary>
/// Converts JSON into the values the Cel package evaluates: objects as <c>Dictionary&lt;string, object?&gt;</c>,
/// arrays as <c>List&lt;object?&gt;</c>, integers as <c>long</c>, other numbers (and any value of a
/// <c>type: number</c> schema) as <c>double</c>. A <c>JsonElement</c> is not selectable by the package.
/// </summary>
internal static class CelValues
{
    public static object? From(JsonNode? node, SchemaNode? schema)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var map = new Dictionary<string, object?>(obj.Count, StringComparer.Ordinal);
                foreach (var (name, value) in obj)
                {
                    map[name] = From(value, schema?.PropertySchema(name));
                }

                return map;
            case JsonArray array:
                return array.Select(item => From(item, schema?.Items)).ToList();
            default:
                var scalar = node.AsValue();
                return scalar.GetValueKind() switch
                {
                    JsonValueKind.String => scalar.GetValue<string>(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number => Number(scalar, schema),
                    _ => null,
                };
        }
    }

    private static object Number(JsonValue value, SchemaNode? schema)
    {
        var text = value.ToJsonString();
        if (schema?.Type != "number" && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
