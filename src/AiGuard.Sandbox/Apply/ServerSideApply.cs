using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Patching;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Apply;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>) over managedFields, close enough to the API server for
/// kubectl <c>--server-side</c>, helm 4 and an operator applying with force:
/// the applied fields are set and owned by the manager; fields it applied before but no longer applies are removed
/// unless another manager owns them too; a field another manager owns with a different value is a conflict unless
/// <c>force</c>, which moves ownership. Lists merge per <see cref="ListMergeRules"/>. Server-owned metadata
/// (resourceVersion, uid, creationTimestamp, managedFields, ...) in the applied body is ignored.
/// </summary>
public static class ServerSideApply
{
    /// <summary>Applies <paramref name="applied"/> for <paramref name="manager"/> to <paramref name="live"/> (null when absent); inputs are not modified.</summary>
    public static ApplyResult Apply(JsonObject? live, JsonObject applied, string manager, bool force, DateTime now)
    {
        ArgumentException.ThrowIfNullOrEmpty(manager);
        var config = WithoutServerMetadata(applied);
        var apiVersion = StringOf(config["apiVersion"]) ?? StringOf(live?["apiVersion"]) ?? string.Empty;
        var kind = StringOf(config["kind"]) ?? StringOf(live?["kind"]) ?? string.Empty;
        var appliedFields = ObjectFields.Leaves(config, apiVersion, kind);
        var entries = ManagedFieldsEntry.ReadFrom(live);
        var own = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsEntry.ApplyOperation));

        var conflicts = live is null ? [] : FindConflicts(live, config, appliedFields, entries, own);
        if (conflicts.Count > 0 && !force)
        {
            return new ApplyResult((JsonObject)live!.DeepClone(), conflicts.Select(c => c.Path).ToList(), false)
            {
                ConflictDetails = conflicts.Select(c => new ApplyConflict(c.Entry.Manager, c.Path)).ToList(),
            };
        }

        foreach (var conflict in conflicts)
        {
            conflict.Entry.Fields.RemoveSubtree(conflict.Elements); // force: ownership moves to the applier
        }

        var result = live is null ? new JsonObject() : (JsonObject)live.DeepClone();
        if (own is not null)
        {
            RemoveNoLongerApplied(result, own.Fields, appliedFields, entries.Where(e => !ReferenceEquals(e, own)).ToList());
        }

        AppliedConfigMerge.Into(result, config, apiVersion, kind);

        if (own is null)
        {
            own = new ManagedFieldsEntry { Manager = manager, Operation = ManagedFieldsEntry.ApplyOperation, Fields = appliedFields };
            entries.Add(own);
        }

        own.Fields = appliedFields;
        own.ApiVersion = apiVersion;
        own.Time = ManagedFieldsEntry.FormatTime(now);
        ManagedFieldsEntry.WriteTo(result, entries);
        return new ApplyResult(result, [], live is null);
    }

    private static List<Conflict> FindConflicts(JsonObject live, JsonObject config, FieldSet appliedFields, List<ManagedFieldsEntry> entries, ManagedFieldsEntry? own)
    {
        var conflicts = new List<Conflict>();
        foreach (var path in appliedFields.Members())
        {
            var last = path[^1];
            if (!last.StartsWith("f:", StringComparison.Ordinal))
            {
                continue; // a list item's identity is its key: equal by construction
            }

            if (!ObjectFields.TryGet(live, path, out var liveValue) || !ObjectFields.TryGet(config, path, out var appliedValue))
            {
                continue;
            }

            if (appliedValue is JsonObject { Count: 0 } || JsonSemantics.AreEqual(liveValue, appliedValue))
            {
                continue; // same value: ownership is shared, not contested
            }

            foreach (var entry in entries.Where(e => !ReferenceEquals(e, own) && e.Fields.Overlaps(path)))
            {
                conflicts.Add(new Conflict(entry, path, ObjectFields.Describe(path)));
            }
        }

        return conflicts;
    }

    /// <summary>Drops the fields this manager applied last time but not now, unless another manager still owns them.</summary>
    private static void RemoveNoLongerApplied(JsonObject result, FieldSet previous, FieldSet current, List<ManagedFieldsEntry> others)
    {
        // Parents first: a list item nobody else touches goes whole; one another manager shares loses only our
        // fields, never its key (that would orphan the item).
        foreach (var path in previous.Members().Where(p => !current.Contains(p)).ToList())
        {
            if (!ObjectFields.IsItemKey(path) && !others.Any(e => e.Fields.Find(path) is not null))
            {
                ObjectFields.Remove(result, path);
            }
        }
    }

    private static JsonObject WithoutServerMetadata(JsonObject applied)
    {
        var config = (JsonObject)applied.DeepClone();
        if (config["metadata"] is JsonObject metadata)
        {
            foreach (var field in ObjectFields.ServerMetadata.Where(f => f is not "name" and not "namespace"))
            {
                metadata.Remove(field);
            }
        }

        return config;
    }

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private sealed record Conflict(ManagedFieldsEntry Entry, string[] Elements, string Path);
}
