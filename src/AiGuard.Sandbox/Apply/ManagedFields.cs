using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Patching;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Apply;

/// <summary>
/// managedFields bookkeeping for writes that are not server-side apply (POST, PUT, and merge/strategic/json
/// patches): the writer's <c>operation: Update</c> entry takes the fields the write changed, other managers lose
/// them, and fields the write removed lose every owner.
/// </summary>
public static class ManagedFields
{
    /// <summary>
    /// Records <paramref name="manager"/>'s update in <paramref name="after"/>'s <c>metadata.managedFields</c>
    /// (mutates <paramref name="after"/>). <paramref name="after"/> is the object as the client wrote it: when it
    /// carries non-empty managedFields (kubectl json-patches them when it migrates to server-side apply) those are
    /// the starting point, otherwise <paramref name="before"/>'s are, so clients that ignore managedFields never
    /// erase them.
    /// </summary>
    public static void RecordUpdate(JsonObject? before, JsonObject after, string manager, DateTime now)
    {
        var entries = ManagedFieldsEntry.ReadFrom(ManagedFieldsEntry.HasEntries(after) ? after : before);
        var apiVersion = StringOf(after["apiVersion"]) ?? StringOf(before?["apiVersion"]) ?? string.Empty;
        var kind = StringOf(after["kind"]) ?? StringOf(before?["kind"]) ?? string.Empty;
        var afterFields = ObjectFields.Leaves(after, apiVersion, kind);
        var changed = Changed(before, after, afterFields);

        foreach (var entry in entries)
        {
            if (!entry.Is(manager, ManagedFieldsEntry.UpdateOperation))
            {
                foreach (var path in changed.Members())
                {
                    entry.Fields.RemoveSubtree(path);
                }
            }

            entry.Fields = Existing(entry.Fields, after);
        }

        if (!string.IsNullOrEmpty(manager) && !changed.IsEmpty)
        {
            var own = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsEntry.UpdateOperation));
            if (own is null)
            {
                own = new ManagedFieldsEntry { Manager = manager, Operation = ManagedFieldsEntry.UpdateOperation, Fields = new FieldSet() };
                entries.Add(own);
            }

            own.Fields.UnionWith(changed);
            own.ApiVersion = apiVersion;
            own.Time = ManagedFieldsEntry.FormatTime(now);
        }

        ManagedFieldsEntry.WriteTo(after, entries);
    }

    private static FieldSet Changed(JsonObject? before, JsonObject after, FieldSet afterFields)
    {
        if (before is null)
        {
            return afterFields;
        }

        var changed = new FieldSet();
        foreach (var path in afterFields.Members())
        {
            var isNew = !ObjectFields.TryGet(before, path, out var old);
            if (isNew || (path[^1].StartsWith("f:", StringComparison.Ordinal) && ObjectFields.TryGet(after, path, out var current) && !JsonSemantics.AreEqual(old, current)))
            {
                changed.Add(path);
            }
        }

        return changed;
    }

    /// <summary>The part of a field set that still exists in the object: removed fields have no owner.</summary>
    private static FieldSet Existing(FieldSet fields, JsonObject obj)
    {
        var kept = new FieldSet();
        foreach (var path in fields.Members())
        {
            if (ObjectFields.TryGet(obj, path, out _))
            {
                kept.Add(path);
            }
        }

        return kept;
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
