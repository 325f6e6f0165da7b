using System.Globalization;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Patching;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;

using AiGuard.Schema;

namespace AiGuard.Sandbox.Handlers;

/// <summary>
/// The server-owned parts of every write: type and namespace checks, system metadata on create, carrying it
/// over on update, status separation, generation, and no-op detection.
/// </summary>
internal static class ObjectPreparation
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>apiVersion and kind must match the URL's type; missing ones are filled in.</summary>
    public static void CheckTypeMeta(ResourceType type, JsonObject obj, bool required = false)
    {
        var apiVersion = obj.GetString("apiVersion");
        var kind = obj.GetString("kind");
        if (required && (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind)))
        {
            throw ApiException.BadRequest($"{(string.IsNullOrEmpty(apiVersion) ? "apiVersion" : "kind")} must be set in the applied object");
        }

        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
    }

    /// <summary>The namespace in the body must agree with the URL's; cluster-scoped objects have none.</summary>
    public static void SetNamespace(ResourceType type, JsonObject meta, string? ns)
    {
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }

        var inBody = meta.GetString("namespace");
        if (!string.IsNullOrEmpty(inBody) && inBody != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        meta["namespace"] = ns;
    }

    /// <summary>The name in the body must agree with the URL's (it is filled in when absent).</summary>
    public static void SetName(JsonObject meta, string name)
    {
        var inBody = meta.GetString("name");
        if (!string.IsNullOrEmpty(inBody) && inBody != name)
        {
            throw ApiException.BadRequest($"the name of the object ({inBody}) does not match the name on the URL ({name})");
        }

        meta["name"] = name;
    }

    /// <summary>Resolves name or generateName, returning the final name.</summary>
    public static string ResolveName(ResourceType type, JsonObject meta)
    {
        var name = meta.GetString("name");
        if (!string.IsNullOrEmpty(name))
        {
            return name;
        }

        var prefix = meta.GetString("generateName");
        if (string.IsNullOrEmpty(prefix))
        {
            throw ApiException.Invalid(type, "", [new StatusCause("FieldValueRequired", "name or generateName is required", "metadata.name")]);
        }

        var suffix = string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = NameAlphabet[Random.Shared.Next(NameAlphabet.Length)];
            }
        });
        name = (prefix.Length > 58 ? prefix[..58] : prefix) + suffix;
        meta["name"] = name;
        return name;
    }

    /// <summary>Sets the fields the server owns on a new object.</summary>
    public static void InitializeForCreate(ResourceType type, JsonObject obj, DateTime now)
    {
        var meta = obj.GetOrAddObject("metadata");
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = KubeJson.Timestamp(now);
        meta["generation"] = 1;
        meta.Remove("resourceVersion");
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        meta.Remove("selfLink");
        if (type.HasStatus)
        {
            obj.Remove("status");
        }
    }

    /// <summary>
    /// Builds the object an update stores: status separation (main writes keep the old status; /status writes
    /// change only status) and the system metadata carried over from <paramref name="old"/>.
    /// </summary>
    public static JsonObject Compose(ResourceType type, string? subresource, JsonObject old, JsonObject candidate)
    {
        JsonObject result;
        if (subresource == "status")
        {
            result = (JsonObject)old.DeepClone();
            SetOrRemove(result, "status", candidate["status"]?.DeepClone());
        }
        else
        {
            result = candidate;
            if (type.HasStatus)
            {
                SetOrRemove(result, "status", old["status"]?.DeepClone());
            }
        }

        result["apiVersion"] = old["apiVersion"]?.DeepClone() ?? type.ApiVersion;
        result["kind"] = type.Kind;
        var meta = result.GetOrAddObject("metadata");
        var oldMeta = old.GetObject("metadata")!;
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
        {
            SetOrRemove(meta, field, oldMeta[field]?.DeepClone());
        }

        meta.Remove("resourceVersion");
        meta.Remove("selfLink");
        return result;
    }

    private static void SetOrRemove(JsonObject obj, string property, JsonNode? value)
    {
        if (value is null)
        {
            obj.Remove(property);
        }
        else
        {
            obj[property] = value;
        }
    }

    /// <summary>Bumps metadata.generation when anything outside metadata and status changed.</summary>
    public static void BumpGenerationIfSpecChanged(JsonObject old, JsonObject result)
    {
        if (!SpecChanged(old, result))
        {
            return;
        }

        var meta = result.GetOrAddObject("metadata");
        meta["generation"] = (old.GetObject("metadata").GetInt64("generation") ?? 0) + 1;
    }

    public static bool SpecChanged(JsonObject old, JsonObject result)
    {
        foreach (var (key, value) in result)
        {
            if (key is "metadata" or "status" or "apiVersion" or "kind")
            {
                continue;
            }

            if (!JsonSemantics.AreEqual(value, old[key]))
            {
                return true;
            }
        }

        foreach (var (key, _) in old)
        {
            if (key is not ("metadata" or "status" or "apiVersion" or "kind") && !result.ContainsKey(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when an update changes nothing but managedFields timestamps: the real server then keeps the old
    /// resourceVersion and sends no watch event.
    /// </summary>
    public static bool IsNoOp(JsonObject old, JsonObject result)
    {
        foreach (var key in old.Select(p => p.Key).Union(result.Select(p => p.Key)))
        {
            if (key == "metadata")
            {
                continue;
            }

            if (key == "apiVersion")
            {
                continue;
            }

            if (!JsonSemantics.AreEqual(old[key], result[key]))
            {
                return false;
            }
        }

        var a = old.GetObject("metadata") ?? [];
        var b = result.GetObject("metadata") ?? [];
        foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
        {
            if (key == "resourceVersion")
            {
                continue;
            }

            var equal = key == "managedFields"
                ? JsonSemantics.AreEqual(WithoutTimes(a[key]), WithoutTimes(b[key]))
                : JsonSemantics.AreEqual(a[key], b[key]);
            if (!equal)
            {
                return false;
            }
        }

        return true;
    }

    private static JsonNode? WithoutTimes(JsonNode? managedFields)
    {
        if (managedFields is not JsonArray entries)
        {
            return managedFields;
        }

        var copy = new JsonArray();
        foreach (var entry in entries)
        {
            var clone = entry?.DeepClone();
            if (clone is JsonObject o)
            {
                o.Remove("time");
            }

            copy.Add(clone);
        }

        return copy;
    }

    /// <summary>Marks an object for deletion (it has finalizers), as the real server does.</summary>
    public static void MarkDeleting(JsonObject obj, DateTime now)
    {
        var meta = obj.GetOrAddObject("metadata");
        meta["deletionTimestamp"] = KubeJson.Timestamp(now);
        meta["deletionGracePeriodSeconds"] = 0;
        meta["generation"] = (meta.GetInt64("generation") ?? 0) + 1;
    }

    public static string ResourceVersionText(long rv) => rv.ToString(CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        obj.GetObject("metadata").GetArray("finalizers")?.Select(f => f?.ToString() ?? "").ToList() ?? [];
}
