using System.Text.Json.Nodes;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// FieldOwnershipUpgrade hands the fields the operator wrote with plain writes (the create-only POST and the list-repair
/// merge patch record <c>operation: Update</c> in managedFields) to its server-side apply entry, as client-go's
/// csaupgrade does for kubectl. Without it a field the plan later drops stays on the child: an apply removes only fields
/// that no other entry owns, and the Update entry still owns it. kube-apiserver gives a POST's fields to an Update entry
/// even when the request carries an Apply entry, so the rewrite is a JSON patch of <c>metadata.managedFields</c>,
/// guarded by a <c>test</c> of the resourceVersion, sent once after the apply that first shows the Update entry.
/// </summary>
public static class FieldOwnershipUpgrade
{
    private const string Apply = "Apply";
    private const string Update = "Update";

    /// <summary>
    /// The JSON patch that merges <paramref name="manager"/>'s Update entries of the main resource into its Apply entry
    /// of <paramref name="stored"/> (the server's answer to an apply, with managedFields), or null when there is none.
    /// </summary>
    /// <param name="stored">The stored object as JSON.</param>
    /// <param name="manager">The field manager, aiguard-operator.</param>
    /// <param name="applyEntryGrew">True when the Update entries owned a field the Apply entry did not: an apply after the
    /// patch then removes it if the plan no longer asks for it.</param>
    public static JsonArray? PatchFor(JsonObject stored, string manager, out bool applyEntryGrew)
    {
        applyEntryGrew = false;
        if (stored["metadata"] is not JsonObject metadata
            || metadata["resourceVersion"]?.GetValue<string>() is not { Length: > 0 } resourceVersion
            || metadata["managedFields"] is not JsonArray entries)
        {
            return null;
        }

        var updates = entries.OfType<JsonObject>().Where(e => Is(e, manager, Update)).ToList();
        if (updates.Count == 0)
        {
            return null;
        }

        var upgraded = new JsonArray();
        var applyEntry = entries.OfType<JsonObject>().FirstOrDefault(e => Is(e, manager, Apply))?.DeepClone().AsObject();
        var before = applyEntry?["fieldsV1"]?.DeepClone() as JsonObject ?? [];
        var fields = (JsonObject)before.DeepClone();
        foreach (var update in updates)
        {
            Union(fields, update["fieldsV1"] as JsonObject);
        }

        applyEntry ??= new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = Apply,
            ["apiVersion"] = updates[0]["apiVersion"]?.DeepClone(),
            ["time"] = updates[0]["time"]?.DeepClone(),
            ["fieldsType"] = "FieldsV1",
        };
        applyEntry["fieldsV1"] = fields;
        applyEntryGrew = !JsonNode.DeepEquals(before, fields);

        foreach (var entry in entries.OfType<JsonObject>())
        {
            if (Is(entry, manager, Apply))
            {
                upgraded.Add(applyEntry);
                applyEntry = null;
            }
            else if (!updates.Contains(entry))
            {
                upgraded.Add(entry.DeepClone());
            }
        }

        if (applyEntry is not null)
        {
            upgraded.Add(applyEntry);
        }

        return
        [
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = resourceVersion },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/managedFields", ["value"] = upgraded },
        ];
    }

    private static bool Is(JsonObject entry, string manager, string operation) =>
        entry["manager"]?.GetValue<string>() == manager
        && entry["operation"]?.GetValue<string>() == operation
        && string.IsNullOrEmpty(entry["subresource"]?.GetValue<string>());

    // fieldsV1 is a trie of JSON objects: the union merges keys recursively.
    private static void Union(JsonObject into, JsonObject? from)
    {
        foreach (var (key, value) in from ?? [])
        {
            if (into[key] is JsonObject existing && value is JsonObject child)
            {
                Union(existing, child);
            }
            else if (!into.ContainsKey(key))
            {
                into[key] = value?.DeepClone();
            }
        }
    }
}
