using System.Text.Json.Nodes;
using AiGuard.Sandbox.Patching;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Apply;

/// <summary>
/// Merges an applied configuration into a live object the way server-side apply does: maps recursively, keyed
/// lists by key (new items appended), set lists as a union, everything else (atomic lists, scalars) replaced.
/// Nulls in the applied configuration set nothing.
/// </summary>
internal static class AppliedConfigMerge
{
    public static void Into(JsonObject target, JsonObject applied, string apiVersion, string kind) =>
        MergeObject(target, applied, [], apiVersion, kind);

    private static void MergeObject(JsonObject target, JsonObject applied, List<string> names, string apiVersion, string kind)
    {
        foreach (var (name, value) in applied)
        {
            if (value is null)
            {
                continue;
            }

            names.Add(name);
            switch (value)
            {
                case JsonObject appliedObject when target[name] is JsonObject targetObject:
                    MergeObject(targetObject, appliedObject, names, apiVersion, kind);
                    break;
                case JsonArray appliedList when target[name] is JsonArray targetList:
                    MergeList(target, name, targetList, appliedList, names, apiVersion, kind);
                    break;
                default:
                    target[name] = value.DeepClone();
                    break;
            }

            names.RemoveAt(names.Count - 1);
        }
    }

    private static void MergeList(JsonObject parent, string name, JsonArray target, JsonArray applied, List<string> names, string apiVersion, string kind)
    {
        var rule = ListMergeRules.For(apiVersion, kind, names);
        if (rule.Kind == ListMergeKind.Map && ObjectFields.IsKeyedList(applied, rule.Key!))
        {
            foreach (var item in applied.Cast<JsonObject>())
            {
                var existing = target.OfType<JsonObject>().FirstOrDefault(t =>
                    t.TryGetPropertyValue(rule.Key!, out var key) && JsonSemantics.AreEqual(key, item[rule.Key!]));
                if (existing is null)
                {
                    target.Add(item.DeepClone());
                }
                else
                {
                    MergeObject(existing, item, names, apiVersion, kind);
                }
            }

            return;
        }

        if (rule.Kind == ListMergeKind.Set && applied.All(item => item is JsonValue))
        {
            foreach (var item in applied)
            {
                if (!target.Any(t => JsonSemantics.AreEqual(t, item)))
                {
                    target.Add(item?.DeepClone());
                }
            }

            return;
        }

        parent[name] = applied.DeepClone();
    }
}
