using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: who (manager, operation, subresource) owns which fields.</summary>
internal sealed class ManagedFieldsEntry
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    private JsonObject? original;

    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public string? ApiVersion { get; set; }

    public string? Time { get; set; }

    public string? Subresource { get; init; }

    public required FieldSet Fields { get; set; }

    public bool Is(string manager, string operation) => Manager == manager && Operation == operation && Subresource is null;

    public static string FormatTime(DateTime now) =>
        now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads the entries of an object; entries that are not objects or lack a manager are dropped.</summary>
    public static List<ManagedFieldsEntry> ReadFrom(JsonObject? obj)
    {
        var entries = new List<ManagedFieldsEntry>();
        if (obj?["metadata"]?["managedFields"] is not JsonArray list)
        {
            return entries;
        }

        foreach (var item in list.OfType<JsonObject>())
        {
            entries.Add(new ManagedFieldsEntry
            {
                Manager = StringOf(item["manager"]) ?? string.Empty,
                Operation = StringOf(item["operation"]) ?? UpdateOperation,
                ApiVersion = StringOf(item["apiVersion"]),
                Time = StringOf(item["time"]),
                Subresource = StringOf(item["subresource"]),
                Fields = FieldSet.FromFieldsV1(item["fieldsV1"]),
                original = item,
            });
        }

        return entries;
    }

    public static bool HasEntries(JsonObject? obj) => obj?["metadata"]?["managedFields"] is JsonArray { Count: > 0 };

    /// <summary>Writes the entries that still own something into <c>metadata.managedFields</c> (removed when none).</summary>
    public static void WriteTo(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var list = new JsonArray();
        foreach (var entry in entries.Where(e => !e.Fields.IsEmpty))
        {
            list.Add(entry.ToJson());
        }

        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }

        if (list.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = list;
        }
    }

    private JsonObject ToJson()
    {
        // Go's field order: manager, operation, apiVersion, time, fieldsType, fieldsV1, subresource.
        var json = new JsonObject { ["manager"] = Manager, ["operation"] = Operation };
        if (ApiVersion is not null)
        {
            json["apiVersion"] = ApiVersion;
        }

        if (Time is not null)
        {
            json["time"] = Time;
        }

        json["fieldsType"] = StringOf(original?["fieldsType"]) ?? "FieldsV1";
        json["fieldsV1"] = Fields.ToFieldsV1();
        if (Subresource is not null)
        {
            json["subresource"] = Subresource;
        }

        return json;
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
