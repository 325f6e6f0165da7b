using System.Text.Json.Nodes;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// MergePatchDiff computes the JSON merge patch (RFC 7386) that turns one document into another: changed keys with
/// their new value, removed keys as null, arrays whole. Status writes send only this, so a removed field (say
/// image.patchedFrom) really disappears instead of lingering as it would under a plain merge of the new status.
/// </summary>
public static class MergePatchDiff
{
    /// <summary>The patch from <paramref name="from"/> to <paramref name="to"/>; an empty object when they are equal.</summary>
    public static JsonObject Between(JsonObject? from, JsonObject to)
    {
        var patch = new JsonObject();
        from ??= [];
        foreach (var (key, value) in to)
        {
            from.TryGetPropertyValue(key, out var before);
            if (JsonNode.DeepEquals(before, value))
            {
                continue;
            }

            patch[key] = before is JsonObject beforeObject && value is JsonObject valueObject
                ? Between(beforeObject, valueObject)
                : value?.DeepClone();
        }

        foreach (var (key, before) in from)
        {
            if (before is not null && !to.ContainsKey(key))
            {
                patch[key] = null;
            }
        }

        return patch;
    }
}
