using System.Text.Json.Nodes;
using AiGuard.Sandbox.Resources;

namespace AiGuard.Sandbox.Discovery;

/// <summary>
/// Discovery in both forms kubectl understands: plain (APIVersions, APIGroupList, APIResourceList) and
/// aggregated (apidiscovery.k8s.io v2 / v2beta1 APIGroupDiscoveryList), built from the current registry.
/// </summary>
internal static class DiscoveryDocuments
{
    public const string AggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public const string AggregatedV2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    /// <summary>Picks the aggregated discovery version the Accept header asks for, or null for plain JSON.</summary>
    public static string? AggregatedVersion(string? accept)
    {
        if (string.IsNullOrEmpty(accept) || !accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var part in accept.Split(','))
        {
            if (part.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) && part.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal))
            {
                if (part.Contains("v=v2beta1", StringComparison.Ordinal))
                {
                    return "v2beta1";
                }

                if (part.Contains("v=v2", StringComparison.Ordinal))
                {
                    return "v2";
                }
            }
        }

        return null;
    }

    public static JsonObject ApiVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1" }),
    };

    public static JsonObject ApiGroupList(RegistrySnapshot registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(registry.Groups.Where(g => g.Name.Length > 0).Select(g => (JsonNode)Group(g)).ToArray()),
    };

    public static JsonObject Group(ApiGroup group)
    {
        JsonObject Gv(string v) => new() { ["groupVersion"] = group.Name + "/" + v, ["version"] = v };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group.Name,
            ["versions"] = new JsonArray(group.Versions.Select(v => (JsonNode)Gv(v)).ToArray()),
            ["preferredVersion"] = Gv(group.PreferredVersion),
        };
    }

    public static JsonObject ResourceList(RegistrySnapshot registry, string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in registry.InGroupVersion(group, version))
        {
            resources.Add(Resource(type, type.Plural, type.Kind, type.ServedVerbs));
            if (type.HasStatus)
            {
                resources.Add(Resource(type, type.Plural + "/status", type.Kind, ["get", "patch", "update"]));
            }

            if (type.Scale is not null)
            {
                var scale = Resource(type, type.Plural + "/scale", "Scale", ["get", "patch", "update"]);
                scale["group"] = "autoscaling";
                scale["version"] = "v1";
                resources.Add(scale);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = resources,
        };
    }

    private static JsonObject Resource(ResourceType type, string name, string kind, IEnumerable<string> verbs)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = name.Contains('/') ? "" : type.EffectiveSingular,
            ["namespaced"] = type.Namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
        };
        if (!name.Contains('/'))
        {
            if (type.ShortNames.Count > 0)
            {
                resource["shortNames"] = new JsonArray(type.ShortNames.Select(s => (JsonNode)s).ToArray());
            }

            if (type.Categories.Count > 0)
            {
                resource["categories"] = new JsonArray(type.Categories.Select(s => (JsonNode)s).ToArray());
            }
        }

        return resource;
    }

    /// <summary>The aggregated document for /api (core only) or /apis (every group).</summary>
    public static JsonObject Aggregated(RegistrySnapshot registry, bool core, string discoveryVersion)
    {
        var items = new JsonArray();
        foreach (var group in registry.Groups.Where(g => (g.Name.Length == 0) == core))
        {
            var versions = new JsonArray();
            foreach (var version in group.Versions)
            {
                versions.Add(new JsonObject
                {
                    ["version"] = version,
                    ["resources"] = new JsonArray(group.Types.Where(t => t.Version == version).Select(t => (JsonNode)AggregatedResource(t)).ToArray()),
                    ["freshness"] = "Current",
                });
            }

            var metadata = new JsonObject { ["creationTimestamp"] = null };
            if (!core)
            {
                metadata["name"] = group.Name;
            }

            items.Add(new JsonObject { ["metadata"] = metadata, ["versions"] = versions });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/" + discoveryVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static JsonObject AggregatedResource(ResourceType type)
    {
        var resource = new JsonObject
        {
            ["resource"] = type.Plural,
            ["responseKind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
            ["scope"] = type.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = type.EffectiveSingular,
            ["verbs"] = new JsonArray(type.ServedVerbs.Select(v => (JsonNode)v).ToArray()),
        };
        if (type.ShortNames.Count > 0)
        {
            resource["shortNames"] = new JsonArray(type.ShortNames.Select(s => (JsonNode)s).ToArray());
        }

        if (type.Categories.Count > 0)
        {
            resource["categories"] = new JsonArray(type.Categories.Select(s => (JsonNode)s).ToArray());
        }

        var subresources = new JsonArray();
        if (type.HasStatus)
        {
            subresources.Add(new JsonObject
            {
                ["subresource"] = "status",
                ["responseKind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
                ["verbs"] = new JsonArray("get", "patch", "update"),
            });
        }

        if (type.Scale is not null)
        {
            subresources.Add(new JsonObject
            {
                ["subresource"] = "scale",
                ["responseKind"] = new JsonObject { ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale" },
                ["verbs"] = new JsonArray("get", "patch", "update"),
            });
        }

        if (subresources.Count > 0)
        {
            resource["subresources"] = subresources;
        }

        return resource;
    }
}
