using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>
/// CustomResourceDefinitions: validated like the real apiextensions server, given acceptedNames,
/// storedVersions and NamesAccepted/Established=True at once, and registered (served) on every write.
/// Removing a CRD removes its custom objects and stops serving them.
/// </summary>
internal sealed class CustomResourceDefinitionStrategy : ResourceStrategy
{
    public override void PrepareForCreate(JsonObject obj) => SetStatus(obj, null, DateTime.UtcNow);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old) => SetStatus(obj, old, DateTime.UtcNow);

    private static void SetStatus(JsonObject crd, JsonObject? old, DateTime now)
    {
        var spec = crd.GetOrAddObject("spec");
        var names = spec.GetOrAddObject("names");
        var kind = names.GetString("kind") ?? "";
        names["singular"] ??= kind.ToLowerInvariant();
        names["listKind"] ??= kind + "List";
        spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
        var storage = spec.GetArray("versions")?.OfType<JsonObject>()
            .FirstOrDefault(v => v["storage"] is JsonValue s && s.TryGetValue<bool>(out var b) && b)?.GetString("name");
        var stored = old?.GetObject("status").GetArray("storedVersions")?.Select(v => v?.ToString() ?? "").ToList() ?? [];
        if (storage is not null && !stored.Contains(storage))
        {
            stored.Add(storage);
        }

        var timestamp = KubeJson.Timestamp(now);
        JsonObject Condition(string type, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastTransitionTime"] = PreviousTransition(old, type) ?? timestamp,
            ["reason"] = reason,
            ["message"] = message,
        };

        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted")),
            ["acceptedNames"] = names.DeepClone(),
            ["storedVersions"] = new JsonArray(stored.Select(v => (JsonNode)v).ToArray()),
        };
    }

    private static string? PreviousTransition(JsonObject? old, string type) =>
        old?.GetObject("status").GetArray("conditions")?.OfType<JsonObject>()
            .FirstOrDefault(c => c.GetString("type") == type)?.GetString("lastTransitionTime");

    public override void Validate(JsonObject obj, JsonObject? old, List<StatusCause> causes)
    {
        var spec = obj.GetObject("spec");
        var group = spec.GetString("group") ?? "";
        var names = spec.GetObject("names");
        var plural = names.GetString("plural") ?? "";
        Require(group, "spec.group", causes);
        Require(plural, "spec.names.plural", causes);
        Require(names.GetString("kind") ?? "", "spec.names.kind", causes);
        var name = obj.GetObject("metadata").GetString("name");
        if (plural.Length > 0 && group.Length > 0 && name != plural + "." + group)
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group", "metadata.name"));
        }

        if (spec.GetString("scope") is not ("Namespaced" or "Cluster"))
        {
            causes.Add(new StatusCause("FieldValueNotSupported", "Unsupported value: supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
        }

        var versions = spec.GetArray("versions")?.OfType<JsonObject>().ToList() ?? [];
        if (versions.Count == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value: must have exactly one version marked as storage version", "spec.versions"));
            return;
        }

        if (versions.Count(v => Flag(v, "storage")) != 1)
        {
            causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: must have exactly one version marked as storage version", "spec.versions"));
        }

        if (!versions.Any(v => Flag(v, "served")))
        {
            causes.Add(new StatusCause("FieldValueInvalid", "Invalid value: must have at least one version marked as served", "spec.versions"));
        }

        for (var i = 0; i < versions.Count; i++)
        {
            var schema = versions[i].GetObject("schema").GetObject("openAPIV3Schema");
            if (schema is null)
            {
                causes.Add(new StatusCause("FieldValueRequired", "Required value: schemas are required", $"spec.versions[{i}].schema.openAPIV3Schema"));
                continue;
            }

            try
            {
                CustomResourceSchema.Compile(schema);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {e.Message}", $"spec.versions[{i}].schema.openAPIV3Schema"));
            }
        }

        if (old is not null && old.GetObject("spec").GetString("group") != group)
        {
            causes.Add(new StatusCause("FieldValueInvalid", "field is immutable", "spec.group"));
        }
    }

    private static bool Flag(JsonObject obj, string property) =>
        obj[property] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static void Require(string value, string field, List<StatusCause> causes)
    {
        if (value.Length == 0)
        {
            causes.Add(new StatusCause("FieldValueRequired", "Required value", field));
        }
    }

    public override void AfterWrite(Cluster cluster, ResourceType type, WriteResult result)
    {
        var crd = result.After.Parse();
        var spec = crd.GetObject("spec")!;
        var storageKey = spec.GetString("group") + "/" + spec.GetObject("names").GetString("plural");
        if (result.Action == WriteAction.Remove)
        {
            RemoveInstances(cluster, storageKey);
            cluster.Registry.SetCustom(storageKey, []);
            cluster.Storage.Drop(storageKey);
            return;
        }

        cluster.Registry.SetCustom(storageKey, CustomResourceTypes.FromDefinition(crd));
    }

    // The real server deletes every custom object before the CRD goes; watchers see each DELETED.
    private static void RemoveInstances(Cluster cluster, string storageKey)
    {
        var served = cluster.Registry.Current.StoragePreferred.FirstOrDefault(t => t.StorageKey == storageKey);
        var store = cluster.Storage.Existing(storageKey);
        if (served is null || store is null)
        {
            return;
        }

        foreach (var item in store.Snapshot(null).Items)
        {
            var removed = store.Write(item.Key, current => current is null ? WriteDecision.Unchanged : WriteDecision.Remove(current.Parse()));
            cluster.Operations.AfterWrite(served, removed, WriteOptions.System);
        }
    }
}
