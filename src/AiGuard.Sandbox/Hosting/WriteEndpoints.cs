using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Hosting;

/// <summary>POST, PUT, PATCH (merge, json, strategic, apply) and DELETE over HTTP, including /scale.</summary>
internal sealed class WriteEndpoints(Cluster cluster, ReadEndpoints reads)
{
    public const string ApplyPatchYaml = "application/apply-patch+yaml";

    public async Task CreateAsync(HttpContext context, ResourceRoute route)
    {
        if (route.Name is not null)
        {
            throw ApiException.MethodNotAllowed("POST is not supported on a named object; use PUT or PATCH");
        }

        var options = WriteQuery.Parse(context, "CreateOptions");
        var body = await ReadObjectAsync(context, route, options);
        var result = cluster.Operations.Create(route.Type, route.Namespace, body, options);
        AddSkippedRuleWarnings(context, route, result.After);
        await reads.WriteObjectAsync(context, route.Type, result.After, 201);
    }

    public async Task UpdateAsync(HttpContext context, ResourceRoute route)
    {
        RequireName(route);
        var options = WriteQuery.Parse(context, "UpdateOptions");
        var body = await ReadObjectAsync(context, route, options);
        if (route.Subresource == "scale")
        {
            await WriteScaleAsync(context, route, ScaleEndpoint.Update(cluster, route, body, options));
            return;
        }

        var result = cluster.Operations.Update(route.Type, route.Namespace, route.Name!, SubresourceOrNull(route), body, options);
        AddSkippedRuleWarnings(context, route, result.After);
        await reads.WriteObjectAsync(context, route.Type, result.After, 200);
    }

    public async Task PatchAsync(HttpContext context, ResourceRoute route, string mediaType)
    {
        RequireName(route);
        var options = WriteQuery.Parse(context, "PatchOptions");
        var raw = await HttpIo.ReadBodyAsync(context.Request, context.RequestAborted);
        if (mediaType == ApplyPatchYaml)
        {
            var applied = HttpIo.RequireObject(CheckDuplicates(context, route, HttpIo.ParseJsonOrYaml(raw, allowYaml: true), options));
            var applyResult = cluster.Operations.Apply(route.Type, route.Namespace, route.Name!, SubresourceOrNull(route), applied, options);
            AddSkippedRuleWarnings(context, route, applyResult.After);
            await reads.WriteObjectAsync(context, route.Type, applyResult.After, applyResult.Created ? 201 : 200);
            return;
        }

        var kind = mediaType switch
        {
            "application/merge-patch+json" => PatchKind.Merge,
            "application/json-patch+json" => PatchKind.Json,
            "application/strategic-merge-patch+json" => PatchKind.Strategic,
            _ => throw new ApiException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got \"{mediaType}\")"),
        };
        var patch = CheckDuplicates(context, route, HttpIo.ParseJsonOrYaml(raw, allowYaml: false), options)
            ?? throw ApiException.BadRequest("the patch body is empty");
        if (route.Subresource == "scale")
        {
            await WriteScaleAsync(context, route, ScaleEndpoint.Patch(cluster, route, kind, patch, options));
            return;
        }

        var result = cluster.Operations.Patch(route.Type, route.Namespace, route.Name!, SubresourceOrNull(route), kind, patch, options);
        AddSkippedRuleWarnings(context, route, result.After);
        await reads.WriteObjectAsync(context, route.Type, result.After, 200);
    }

    public async Task DeleteAsync(HttpContext context, ResourceRoute route)
    {
        var options = WriteQuery.Parse(context, "DeleteOptions");
        var delete = await ReadDeleteOptionsAsync(context);
        var result = cluster.Operations.Delete(route.Type, route.Namespace, route.Name!, delete, options);
        if (result.Action == WriteAction.Remove && !route.Type.ReturnsDeletedObject)
        {
            var details = new JsonObject { ["name"] = route.Name, ["kind"] = route.Type.Plural, ["uid"] = result.After.Uid };
            if (route.Type.Group.Length > 0)
            {
                details["group"] = route.Type.Group;
            }

            await HttpIo.WriteJsonAsync(context.Response, 200, new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
                ["details"] = details,
            });
            return;
        }

        await reads.WriteObjectAsync(context, route.Type, result.After, result.Action == WriteAction.Put ? 202 : 200);
    }

    public async Task DeleteCollectionAsync(HttpContext context, ResourceRoute route)
    {
        var options = WriteQuery.Parse(context, "DeleteOptions");
        var delete = await ReadDeleteOptionsAsync(context);
        var labels = LabelSelector.Parse(context.Request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"], route.Type.Kind, route.Type.FieldLabels);
        var (items, rv) = cluster.StoreOf(route.Type).Snapshot(route.Namespace);
        var deleted = new JsonArray();
        foreach (var item in items.Where(i => labels.Matches(i.Labels) && fields.Matches(i)).OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            try
            {
                var result = cluster.Operations.Delete(route.Type, item.Namespace, item.Name, delete, options);
                deleted.Add(ObjectRendering.Parse(route.Type, result.After));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Removed concurrently.
            }
        }

        await HttpIo.WriteJsonAsync(context.Response, 200, new JsonObject
        {
            ["kind"] = route.Type.ListKind,
            ["apiVersion"] = route.Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = ObjectPreparation.ResourceVersionText(rv) },
            ["items"] = deleted,
        });
    }

    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var policy = query["propagationPolicy"].ToString();
        var raw = await HttpIo.ReadBodyAsync(context.Request, context.RequestAborted);
        var mediaType = HttpIo.MediaType(context.Request.ContentType);
        if (raw.Length == 0 || mediaType == HttpIo.Protobuf)
        {
            // helm sends DeleteOptions as protobuf; like the notes say, its defaults are what it asks for.
            return new DeleteOptions(policy.Length > 0 ? policy : null);
        }

        var body = HttpIo.ParseJsonOrYaml(raw, allowYaml: true).Node as JsonObject;
        var preconditions = body.GetObject("preconditions");
        var bodyPolicy = body.GetString("propagationPolicy");
        WriteQuery.CheckDeletePolicy(bodyPolicy);
        return new DeleteOptions(
            bodyPolicy ?? (policy.Length > 0 ? policy : null),
            preconditions.GetString("uid"),
            preconditions.GetString("resourceVersion"));
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, ResourceRoute route, WriteOptions options)
    {
        var raw = await HttpIo.ReadBodyAsync(context.Request, context.RequestAborted);
        var decoded = HttpIo.DecodeObject(raw, HttpIo.MediaType(context.Request.ContentType), route.Type);
        return HttpIo.RequireObject(CheckDuplicates(context, route, decoded, options));
    }

    /// <summary>
    /// Repeated fields keep their last value; fieldValidation=Strict refuses them (400, like the unknown fields it
    /// refuses) and Warn or no choice, the server default, names each in a Warning header.
    /// </summary>
    private static JsonNode? CheckDuplicates(HttpContext context, ResourceRoute route, DecodedBody decoded, WriteOptions options)
    {
        if (decoded.DuplicateFields.Count == 0 || options.FieldValidation == "Ignore")
        {
            return decoded.Node;
        }

        var fields = decoded.DuplicateFields.Select(f => $"duplicate field \"{f}\"").ToList();
        if (options.FieldValidation == "Strict")
        {
            var type = route.Type;
            throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", fields)}");
        }

        foreach (var field in fields)
        {
            WarningHeaders.Append(context.Response, field);
        }

        return decoded.Node;
    }

    private static Task WriteScaleAsync(HttpContext context, ResourceRoute route, JsonObject scale)
    {
        _ = route;
        return HttpIo.WriteJsonAsync(context.Response, 200, scale);
    }

    /// <summary>
    /// Validation rules of a CRD the sandbox cannot enforce are never skipped silently: every CRD write answers
    /// with one Warning header per rule (kubectl prints them as "Warning: ...").
    /// </summary>
    private void AddSkippedRuleWarnings(HttpContext context, ResourceRoute route, StoredObject? written)
    {
        if (written is null || route.Type.Kind != "CustomResourceDefinition" || route.Type.Group != "apiextensions.k8s.io")
        {
            return;
        }

        foreach (var line in cluster.SkippedValidationRules(written.Name))
        {
            WarningHeaders.Append(context.Response, line.Replace("\"", "'", StringComparison.Ordinal));
        }
    }

    private static string? SubresourceOrNull(ResourceRoute route) => route.Subresource.Length == 0 ? null : route.Subresource;

    private static void RequireName(ResourceRoute route)
    {
        if (route.Name is null)
        {
            throw ApiException.MethodNotAllowed("this method needs an object name in the path");
        }
    }
}
