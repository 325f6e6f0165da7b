using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Patching;

/// <summary>
/// JSON merge patch (RFC 7386), the <c>application/merge-patch+json</c> patch type: objects merge recursively,
/// a <c>null</c> member deletes, anything else (arrays included) replaces. Inputs are never modified.
/// </summary>
public static class JsonMergePatch
{
    /// <summary>Returns <paramref name="target"/> with <paramref name="patch"/> merged in (a new tree).</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        MergeInto(result, patchObject);
        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject valueObject)
            {
                if (target[name] is not JsonObject existing)
                {
                    existing = new JsonObject();
                    target[name] = existing;
                }

                MergeInto(existing, valueObject);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }
}
