using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.OpenApi;

/// <summary>
/// OpenAPI v3 in the minimal form every kubectl and helm flow accepted: an index of group-version documents
/// with content hashes, and per group-version the object paths whose PATCH carries
/// x-kubernetes-group-version-kind and the fieldValidation parameter (so kubectl validates server-side).
/// No strategic-merge request bodies are advertised, since there are no full schemas behind them.
/// Documents are rebuilt only when the registry changes.
/// </summary>
internal sealed class OpenApiDocuments(ResourceRegistry registry, string gitVersion)
{
    private Tuple<long, Dictionary<string, (byte[] Body, string Hash)>>? cache;

    /// <summary>The /openapi/v3 index.</summary>
    public byte[] Index()
    {
        var docs = Documents();
        var paths = new JsonObject();
        foreach (var (path, doc) in docs.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={doc.Hash}" };
        }

        return KubeJson.Serialize(new JsonObject { ["paths"] = paths });
    }

    /// <summary>The document for "api/v1" or "apis/group/version", or null when no such group-version is served.</summary>
    public byte[]? Document(string path) => Documents().TryGetValue(path, out var doc) ? doc.Body : null;

    private Dictionary<string, (byte[] Body, string Hash)> Documents()
    {
        var snapshot = registry.Current;
        var cached = Volatile.Read(ref cache);
        if (cached is not null && cached.Item1 == snapshot.Generation)
        {
            return cached.Item2;
        }

        var documents = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        // Create-only kinds (access reviews) have no object paths to patch, so no OpenAPI document.
        foreach (var gv in snapshot.Types.Where(t => t.ServedVerbs.Contains("patch")).GroupBy(t => (t.Group, t.Version)))
        {
            var path = gv.Key.Group.Length == 0 ? "api/" + gv.Key.Version : $"apis/{gv.Key.Group}/{gv.Key.Version}";
            var body = KubeJson.Serialize(Build(gv.ToList()));
            documents[path] = (body, Convert.ToHexString(SHA512.HashData(body)));
        }

        Volatile.Write(ref cache, Tuple.Create(snapshot.Generation, documents));
        return documents;
    }

    private JsonObject Build(IReadOnlyList<ResourceType> types)
    {
        var paths = new JsonObject();
        foreach (var type in types)
        {
            var collection = type.Namespaced
                ? $"{type.GroupVersionPath}/namespaces/{{namespace}}/{type.Plural}"
                : $"{type.GroupVersionPath}/{type.Plural}";
            paths[collection] = new JsonObject
            {
                ["get"] = Operation(type, "list", false),
                ["post"] = Operation(type, "post", true),
            };
            paths[collection + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(type, "get", false),
                ["put"] = Operation(type, "put", true),
                ["patch"] = Operation(type, "patch", true),
                ["delete"] = Operation(type, "delete", false),
            };
            if (type.HasStatus)
            {
                paths[collection + "/{name}/status"] = new JsonObject
                {
                    ["get"] = Operation(type, "get", false),
                    ["put"] = Operation(type, "put", true),
                    ["patch"] = Operation(type, "patch", true),
                };
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = gitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = Schemas(types) },
        };
    }

    private static JsonObject Operation(ResourceType type, string action, bool write)
    {
        var parameters = new JsonArray();
        if (write)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = "fieldValidation",
                ["in"] = "query",
                ["description"] = "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.",
                ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
            });
            parameters.Add(new JsonObject
            {
                ["name"] = "dryRun",
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
            });
            parameters.Add(new JsonObject
            {
                ["name"] = "fieldManager",
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
            });
        }

        return new JsonObject
        {
            ["operationId"] = action + type.Kind,
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
        };
    }

    // Custom resources publish their real schema (kubectl explain uses it); built-in kinds publish none.
    private static JsonObject Schemas(IReadOnlyList<ResourceType> types)
    {
        var schemas = new JsonObject();
        foreach (var type in types.Where(t => t.Schema is not null))
        {
            var schema = (JsonObject)type.Schema!.Source.DeepClone();
            schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind });
            var id = string.Join('.', type.Group.Split('.').Reverse()) + "." + type.Version + "." + type.Kind;
            schemas[id] = schema;
        }

        return schemas;
    }
}
