using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Tables;

/// <summary>
/// Renders objects as <c>meta.k8s.io/v1 Table</c> (what <c>kubectl get</c> asks for): NAME, the kind's
/// columns (a CRD's additionalPrinterColumns) and AGE, with row objects as PartialObjectMetadata by default.
/// </summary>
internal static class TableConverter
{
    public static IReadOnlyList<PrinterColumn> Columns(ResourceType type)
    {
        var name = new PrinterColumn("Name", "string", ".metadata.name", "Name must be unique within a namespace.", 0, "name");
        var age = new PrinterColumn("Age", "date", ".metadata.creationTimestamp", "CreationTimestamp is a timestamp representing the server time when this object was created.");
        var hasCreation = type.PrinterColumns.Any(c => c.JsonPath == ".metadata.creationTimestamp");
        return type.IsCustom || hasCreation ? [name, .. type.PrinterColumns] : [name, .. type.PrinterColumns, age];
    }

    public static JsonObject Table(ResourceType type, IEnumerable<JsonObject> objects, string includeObject, JsonObject listMeta, bool withHeaders, DateTime now)
    {
        var columns = Columns(type);
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMeta,
            ["columnDefinitions"] = withHeaders ? new JsonArray(columns.Select(c => (JsonNode)c.ToDefinition()).ToArray()) : new JsonArray(),
            ["rows"] = new JsonArray(objects.Select(o => (JsonNode)Row(columns, o, includeObject, now)).ToArray()),
        };
        return table;
    }

    private static JsonObject Row(IReadOnlyList<PrinterColumn> columns, JsonObject obj, string includeObject, DateTime now)
    {
        var row = new JsonObject { ["cells"] = new JsonArray(columns.Select(c => Cell(c, obj, now)).ToArray()) };
        switch (includeObject)
        {
            case "None":
                break;
            case "Object":
                row["object"] = obj.DeepClone();
                break;
            default:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                };
                break;
        }

        return row;
    }

    private static JsonNode? Cell(PrinterColumn column, JsonObject obj, DateTime now)
    {
        if (column.Compute is { } compute)
        {
            return compute(obj);
        }

        var values = JsonPathCell.Evaluate(obj, column.JsonPath);
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            return string.Join(",", values.Select(Text));
        }

        var value = values[0];
        return column.Type switch
        {
            "date" when value is JsonValue v && KubeJson.ParseTimestamp(v.ToString()) is { } t => HumanDuration(now - t),
            "integer" or "number" or "boolean" when value is JsonValue => value.DeepClone(),
            _ => value is JsonValue ? Text(value) : value?.ToJsonString(),
        };
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>kubectl's short ages: 45s, 3m20s, 25m, 5h3m, 3d4h, 200d, 3y15d.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return F($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? F($"{minutes}m") : F($"{minutes}m{seconds % 60}s");
        }

        if (minutes < 180)
        {
            return F($"{minutes}m");
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? F($"{hours}h") : F($"{hours}h{minutes % 60}m");
        }

        if (hours < 48)
        {
            return F($"{hours}h");
        }

        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? F($"{hours / 24}d") : F($"{hours / 24}d{hours % 24}h");
        }

        if (hours < 24 * 365 * 2)
        {
            return F($"{hours / 24}d");
        }

        var days = hours / 24;
        return days / 365 < 8 ? F($"{days / 365}y{days % 365}d") : F($"{days / 365}y");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
