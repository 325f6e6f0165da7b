using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;

namespace AiGuard.Sandbox.Hosting;

/// <summary>The /scale subresource: an autoscaling/v1 Scale view of a Deployment or a custom resource with a scale subresource.</summary>
internal static class ScaleEndpoint
{
    public static JsonObject Get(ResourceType type, StoredObject stored) => ToScale(type, stored.Parse(), stored.ResourceVersion);

    public static JsonObject Update(Cluster cluster, ResourceRoute route, JsonObject scale, WriteOptions options)
    {
        var replicas = scale.GetObject("spec").GetInt64("replicas")
            ?? throw ApiException.Invalid(route.Type, route.Name!, "spec.replicas", "Required value");
        var requested = scale.GetObject("metadata").GetString("resourceVersion");
        return SetReplicas(cluster, route, replicas, requested, options);
    }

    public static JsonObject Patch(Cluster cluster, ResourceRoute route, PatchKind kind, JsonNode patch, WriteOptions options)
    {
        var current = cluster.Operations.Get(route.Type, route.Namespace, route.Name!);
        var scale = ToScale(route.Type, current.Parse(), current.ResourceVersion);
        var patched = kind == PatchKind.Strategic
            ? ResourceOperations.ApplyPatch(route.Type, PatchKind.Merge, scale, patch)
            : ResourceOperations.ApplyPatch(route.Type, kind, scale, patch);
        return Update(cluster, route, patched, options);
    }

    private static JsonObject SetReplicas(Cluster cluster, ResourceRoute route, long replicas, string? requestedRv, WriteOptions options)
    {
        if (replicas < 0)
        {
            throw ApiException.Invalid(route.Type, route.Name!, "spec.replicas", "Invalid value: must be greater than or equal to 0");
        }

        var current = cluster.Operations.Get(route.Type, route.Namespace, route.Name!);
        var obj = current.Parse();
        if (!string.IsNullOrEmpty(requestedRv))
        {
            obj.GetOrAddObject("metadata")["resourceVersion"] = requestedRv;
        }

        SetPath(obj, route.Type.Scale!.SpecReplicasPath, replicas);
        var result = cluster.Operations.Update(route.Type, route.Namespace, route.Name!, null, obj, options);
        return ToScale(route.Type, result.After.Parse(), result.After.ResourceVersion);
    }

    private static void SetPath(JsonObject obj, string dottedPath, long value)
    {
        var parts = dottedPath.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var node = obj;
        foreach (var part in parts[..^1])
        {
            node = node.GetOrAddObject(part);
        }

        node[parts[^1]] = value;
    }

    private static JsonObject ToScale(ResourceType type, JsonObject obj, long rv)
    {
        var meta = obj.GetObject("metadata");
        var scale = type.Scale!;
        var status = new JsonObject { ["replicas"] = obj.Select(scale.StatusReplicasPath)?.DeepClone() ?? 0 };
        var selector = scale.LabelSelectorPath is { } path
            ? obj.Select(path)?.ToString()
            : SelectorText(obj.Select(".spec.selector") as JsonObject);
        if (!string.IsNullOrEmpty(selector))
        {
            status["selector"] = selector;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta.GetString("name"),
                ["namespace"] = meta.GetString("namespace"),
                ["uid"] = meta.GetString("uid"),
                ["resourceVersion"] = ObjectPreparation.ResourceVersionText(rv),
                ["creationTimestamp"] = meta.GetString("creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj.Select(scale.SpecReplicasPath)?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }

    private static string? SelectorText(JsonObject? selector) =>
        selector?.GetObject("matchLabels") is { } labels
            ? string.Join(",", labels.Select(p => $"{p.Key}={p.Value}"))
            : null;
}
