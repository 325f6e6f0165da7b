using System.Text.Json;
using System.Text.Json.Nodes;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for built-in types: maps merge recursively,
/// <c>null</c> deletes, lists listed in <see cref="ListMergeRules"/> merge by their key (or as a set), other lists
/// are replaced. Directives: <c>$patch: delete</c> (in a list item or a map), <c>$patch: replace</c>,
/// <c>$retainKeys</c> and <c>$deleteFromPrimitiveList/&lt;field&gt;</c> are honoured; every other <c>$</c> key
/// (<c>$setElementOrder/...</c>) is dropped so no directive ever reaches a stored object. Inputs are never modified.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>Returns <paramref name="target"/> with <paramref name="patch"/> merged in (a new tree).</summary>
    public static JsonNode Apply(JsonNode target, JsonNode patch, string apiVersion, string kind)
    {
        if (patch is not JsonObject patchObject)
        {
            throw new PatchException("strategic merge patch: the patch must be a JSON object");
        }

        var context = new Context(apiVersion, kind);
        var original = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        return MergeObject(original, patchObject, [], context)
            ?? throw new PatchException("strategic merge patch: \"$patch\": \"delete\" cannot delete the whole object");
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/> (owned, mutated); null means "delete this map".</summary>
    private static JsonObject? MergeObject(JsonObject original, JsonObject patch, List<string> path, Context context)
    {
        switch (DirectiveOf(patch, path))
        {
            case "delete":
                return null;
            case "replace":
                return MergeObject(new JsonObject(), WithoutDirective(patch), path, context);
        }

        foreach (var (name, value) in patch)
        {
            if (name.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                DeleteFromPrimitiveList(original, name[DeleteFromPrimitiveListPrefix.Length..], value);
            }
        }

        foreach (var (name, value) in patch)
        {
            if (name.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                original.Remove(name);
                continue;
            }

            path.Add(name);
            var merged = value switch
            {
                JsonObject valueObject => MergeObject(original[name] as JsonObject ?? new JsonObject(), valueObject, path, context),
                JsonArray valueArray => MergeList(original[name] as JsonArray, valueArray, path, context),
                _ => value.DeepClone(),
            };
            path.RemoveAt(path.Count - 1);

            if (merged is null)
            {
                original.Remove(name);
            }
            else
            {
                DetachAndSet(original, name, merged);
            }
        }

        if (patch[RetainKeysDirective] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null).ToHashSet();
            foreach (var name in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(name);
            }
        }

        return original;
    }

    private static JsonArray MergeList(JsonArray? original, JsonArray patch, List<string> path, Context context)
    {
        var rule = ListMergeRules.For(context.ApiVersion, context.Kind, path);
        switch (rule.Kind)
        {
            case ListMergeKind.Map:
                return MergeKeyedList(original, patch, rule.Key!, path, context);
            case ListMergeKind.Set:
                var set = original is null ? new JsonArray() : (JsonArray)original.DeepClone();
                foreach (var item in patch)
                {
                    if (item is not JsonObject && !set.Any(existing => JsonSemantics.AreEqual(existing, item)))
                    {
                        set.Add(item?.DeepClone());
                    }
                }

                return set;
            default:
                return CleanList(patch, path, context);
        }
    }

    private static JsonArray MergeKeyedList(JsonArray? original, JsonArray patch, string key, List<string> path, Context context)
    {
        if (patch.OfType<JsonObject>().Any(item => DirectiveOf(item, path) == "replace"))
        {
            return CleanList(new JsonArray(patch.Where(item => item is not JsonObject o || DirectiveOf(o, path) != "replace").Select(i => i?.DeepClone()).ToArray()), path, context);
        }

        var result = original is null ? new JsonArray() : (JsonArray)original.DeepClone();
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem || !patchItem.TryGetPropertyValue(key, out var keyValue))
            {
                // Without its merge key an item cannot be matched; keep it as given rather than drop data.
                if (item is not JsonObject orphan || DirectiveOf(orphan, path) != "delete")
                {
                    result.Add(Clean(item, path, context));
                }

                continue;
            }

            var index = IndexOfKey(result, key, keyValue);
            if (DirectiveOf(patchItem, path) == "delete")
            {
                while (index >= 0)
                {
                    result.RemoveAt(index);
                    index = IndexOfKey(result, key, keyValue);
                }

                continue;
            }

            if (index >= 0 && result[index] is JsonObject existing)
            {
                var merged = MergeObject(existing, patchItem, path, context);
                if (merged is null)
                {
                    result.RemoveAt(index);
                }
                else if (!ReferenceEquals(merged, existing))
                {
                    result[index] = merged; // "$patch: replace" built a new item
                }
            }
            else
            {
                var created = MergeObject(new JsonObject(), patchItem, path, context);
                if (created is not null)
                {
                    result.Add(created);
                }
            }
        }

        return result;
    }

    private static JsonArray CleanList(JsonArray list, List<string> path, Context context)
    {
        var result = new JsonArray();
        foreach (var item in list)
        {
            if (item is JsonObject obj && DirectiveOf(obj, path) == "delete")
            {
                continue;
            }

            result.Add(Clean(item, path, context));
        }

        return result;
    }

    /// <summary>A copy of a patch value with every directive resolved or dropped.</summary>
    private static JsonNode? Clean(JsonNode? node, List<string> path, Context context) => node switch
    {
        JsonObject obj => MergeObject(new JsonObject(), obj, path, context),
        JsonArray array => CleanList(array, path, context),
        _ => node?.DeepClone(),
    };

    private static void DeleteFromPrimitiveList(JsonObject original, string field, JsonNode? values)
    {
        if (original[field] is not JsonArray list || values is not JsonArray remove)
        {
            return;
        }

        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (remove.Any(value => JsonSemantics.AreEqual(value, list[i])))
            {
                list.RemoveAt(i);
            }
        }
    }

    private static int IndexOfKey(JsonArray list, string key, JsonNode? keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject item && item.TryGetPropertyValue(key, out var value) && JsonSemantics.AreEqual(value, keyValue))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? DirectiveOf(JsonObject patch, List<string> path)
    {
        if (!patch.TryGetPropertyValue(PatchDirective, out var directive))
        {
            return null;
        }

        var value = directive?.GetValueKind() == JsonValueKind.String ? directive.GetValue<string>() : null;
        return value switch
        {
            "delete" or "replace" or "merge" => value,
            _ => throw new PatchException($"strategic merge patch: unknown \"$patch\" directive {directive?.ToJsonString() ?? "null"} at \"{(path.Count == 0 ? "." : string.Join('.', path))}\" (expected delete, replace or merge)"),
        };
    }

    private static JsonObject WithoutDirective(JsonObject patch)
    {
        var copy = (JsonObject)patch.DeepClone();
        copy.Remove(PatchDirective);
        return copy;
    }

    private static void DetachAndSet(JsonObject target, string name, JsonNode merged)
    {
        if (merged.Parent is not null && !ReferenceEquals(merged.Parent, target))
        {
            merged = merged.DeepClone();
        }

        if (!ReferenceEquals(target[name], merged))
        {
            target[name] = merged;
        }
    }

    private sealed record Context(string ApiVersion, string Kind);
}
