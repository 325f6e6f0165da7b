using System.Text.Json.Nodes;
using AiGuard.Sandbox.Patching;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Apply;

/// <summary>
/// Maps between objects and field paths: which paths an object sets (its leaves, as ownership sees them), reading
/// and removing the value at a path, and the readable form used in conflict messages. Lists follow
/// <see cref="ListMergeRules"/>: keyed lists contribute one <c>k:</c> item per element, sets one <c>v:</c> value,
/// atomic lists are a single leaf.
/// </summary>
internal static class ObjectFields
{
    /// <summary>metadata fields the server owns; an apply or update never takes ownership of them.</summary>
    // Path elements are compared as text, so they are written with Go's minimal escaping (a quote is \", not \u0022).
    private static readonly System.Text.Json.JsonSerializerOptions Minimal = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly HashSet<string> ServerMetadata =
    [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "managedFields", "selfLink",
    ];

    public static FieldSet Leaves(JsonObject obj, string apiVersion, string kind)
    {
        var set = new FieldSet();
        Walk(obj, [], [], set, new Rules(apiVersion, kind));
        return set;
    }

    public static string FieldElement(string name) => "f:" + name;

    public static string KeyElement(string key, JsonNode? value) => "k:" + new JsonObject { [key] = value?.DeepClone() }.ToJsonString(Minimal);

    public static string ValueElement(JsonNode? value) => "v:" + (value?.ToJsonString(Minimal) ?? "null");

    /// <summary>True when the path ends at the merge-key field of a keyed list item (<c>k:{"name":..}</c> then <c>f:name</c>).</summary>
    public static bool IsItemKey(IReadOnlyList<string> path) =>
        path.Count >= 2 && path[^2].StartsWith("k:", StringComparison.Ordinal) && path[^1].StartsWith("f:", StringComparison.Ordinal)
        && ParseOrNull(path[^2][2..]) is JsonObject keys && keys.ContainsKey(path[^1][2..]);

    /// <summary>True when the keyed list can be merged: every item is an object with a distinct key value.</summary>
    public static bool IsKeyedList(JsonArray list, string key)
    {
        var seen = new List<JsonNode?>();
        foreach (var item in list)
        {
            if (item is not JsonObject obj || !obj.TryGetPropertyValue(key, out var value) || value is null
                || seen.Any(s => JsonSemantics.AreEqual(s, value)))
            {
                return false;
            }

            seen.Add(value);
        }

        return true;
    }

    public static bool TryGet(JsonNode? root, IReadOnlyList<string> path, out JsonNode? value)
    {
        value = root;
        foreach (var element in path)
        {
            if (!TryStep(value, element, out value, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the value at the path; parent objects the removal leaves empty go too (the root's fields stay).</summary>
    public static void Remove(JsonObject root, IReadOnlyList<string> path)
    {
        var trail = new List<JsonNode?> { root };
        JsonNode? node = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!TryStep(node, path[i], out node, out _))
            {
                return;
            }

            trail.Add(node);
        }

        if (!TryStep(node, path[^1], out _, out var index))
        {
            return;
        }

        RemoveChild(node, path[^1], index);
        for (var i = trail.Count - 1; i > 1; i--)
        {
            if (trail[i] is JsonObject { Count: 0 })
            {
                RemoveChild(trail[i - 1], path[i - 1], IndexIn(trail[i - 1], trail[i]));
            }
            else
            {
                break;
            }
        }
    }

    /// <summary>The readable form of a path, as the API server prints it in conflicts: <c>.spec.containers[name="app"].image</c>.</summary>
    public static string Describe(IReadOnlyList<string> path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var element in path)
        {
            var body = element.Length > 2 ? element[2..] : string.Empty;
            switch (element[..Math.Min(2, element.Length)])
            {
                case "f:":
                    text.Append('.').Append(body);
                    break;
                case "k:" when ParseOrNull(body) is JsonObject keys:
                    text.Append('[').Append(string.Join(',', keys.Select(k => $"{k.Key}={k.Value?.ToJsonString() ?? "null"}"))).Append(']');
                    break;
                case "v:":
                    text.Append("[=").Append(body).Append(']');
                    break;
                default:
                    text.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    private static void Walk(JsonObject obj, List<string> names, List<string> elements, FieldSet set, Rules rules)
    {
        foreach (var (name, value) in obj)
        {
            if (value is null || IsServerOwned(elements, name))
            {
                continue;
            }

            names.Add(name);
            elements.Add(FieldElement(name));
            switch (value)
            {
                case JsonObject { Count: > 0 } child:
                    Walk(child, names, elements, set, rules);
                    break;
                case JsonArray list:
                    WalkList(list, names, elements, set, rules);
                    break;
                default:
                    set.Add(elements);
                    break;
            }

            names.RemoveAt(names.Count - 1);
            elements.RemoveAt(elements.Count - 1);
        }
    }

    private static void WalkList(JsonArray list, List<string> names, List<string> elements, FieldSet set, Rules rules)
    {
        var rule = ListMergeRules.For(rules.ApiVersion, rules.Kind, names);
        if (rule.Kind == ListMergeKind.Map && IsKeyedList(list, rule.Key!))
        {
            foreach (var item in list.Cast<JsonObject>())
            {
                elements.Add(KeyElement(rule.Key!, item[rule.Key!]));
                set.Add(elements);
                Walk(item, names, elements, set, rules);
                elements.RemoveAt(elements.Count - 1);
            }
        }
        else if (rule.Kind == ListMergeKind.Set && list.All(item => item is JsonValue))
        {
            foreach (var item in list)
            {
                elements.Add(ValueElement(item));
                set.Add(elements);
                elements.RemoveAt(elements.Count - 1);
            }
        }
        else
        {
            set.Add(elements);
        }
    }

    private static bool IsServerOwned(List<string> elements, string name) =>
        elements.Count switch
        {
            0 => name is "apiVersion" or "kind",
            1 => elements[0] == "f:metadata" && ServerMetadata.Contains(name),
            _ => false,
        };

    private static bool TryStep(JsonNode? node, string element, out JsonNode? child, out int index)
    {
        child = null;
        index = -1;
        if (element.StartsWith("f:", StringComparison.Ordinal))
        {
            return node is JsonObject obj && obj.TryGetPropertyValue(element[2..], out child);
        }

        if (node is not JsonArray list)
        {
            return false;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (Matches(list[i], element))
            {
                index = i;
                child = list[i];
                return true;
            }
        }

        return false;
    }

    private static bool Matches(JsonNode? item, string element)
    {
        if (element.Length < 2)
        {
            return false;
        }

        var body = element[2..];
        switch (element[..2])
        {
            case "k:":
                return item is JsonObject obj && ParseOrNull(body) is JsonObject keys
                    && keys.All(k => obj.TryGetPropertyValue(k.Key, out var v) && JsonSemantics.AreEqual(v, k.Value));
            case "v:":
                return ParseOrNull(body) is var value && value is not null && JsonSemantics.AreEqual(item, value);
            case "i:":
                return item?.Parent is JsonArray parent && int.TryParse(body, out var i) && i < parent.Count && ReferenceEquals(parent[i], item);
            default:
                return false;
        }
    }

    // managedFields can be written by clients (kubectl json-patches them), so stored elements may be garbage.
    private static JsonNode? ParseOrNull(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static void RemoveChild(JsonNode? parent, string element, int index)
    {
        switch (parent)
        {
            case JsonObject obj:
                obj.Remove(element[2..]);
                break;
            case JsonArray list when index >= 0:
                list.RemoveAt(index);
                break;
        }
    }

    private static int IndexIn(JsonNode? parent, JsonNode? child) =>
        parent is JsonArray list ? list.IndexOf(child) : -1;

    private sealed record Rules(string ApiVersion, string Kind);
}
