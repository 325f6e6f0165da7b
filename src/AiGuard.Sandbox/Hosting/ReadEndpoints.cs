using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;
using AiGuard.Sandbox.Tables;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Hosting;

/// <summary>GET of one object and LIST with selectors, paging (limit/continue) and resourceVersion semantics.</summary>
internal sealed class ReadEndpoints(Cluster cluster)
{
    public Task GetAsync(HttpContext context, ResourceRoute route)
    {
        _ = ReadQuery.ResourceVersion(context.Request.Query);
        var stored = cluster.Operations.Get(route.Type, route.Namespace, route.Name!);
        return WriteObjectAsync(context, route.Type, stored, 200);
    }

    public Task WriteObjectAsync(HttpContext context, ResourceType type, StoredObject stored, int status)
    {
        var shape = ObjectRendering.ShapeOf(context.Request.Headers.Accept);
        return shape switch
        {
            ResponseShape.Table => HttpIo.WriteJsonAsync(context.Response, status, TableConverter.Table(
                type, [ObjectRendering.Parse(type, stored)], context.Request.Query["includeObject"].ToString(),
                new JsonObject { ["resourceVersion"] = ObjectPreparation.ResourceVersionText(stored.ResourceVersion) }, true, cluster.Now)),
            ResponseShape.PartialMetadata => HttpIo.WriteJsonAsync(context.Response, status, ObjectRendering.PartialMetadata(stored.Parse())),
            _ => HttpIo.WriteJsonAsync(context.Response, status, ObjectRendering.Bytes(type, stored)),
        };
    }

    public Task ListAsync(HttpContext context, ResourceRoute route)
    {
        var query = context.Request.Query;
        var type = route.Type;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"], type.Kind, type.FieldLabels);
        var limit = ReadQuery.Limit(query);
        var requestedVersion = ReadQuery.ResourceVersion(query);
        var match = ReadQuery.ResourceVersionMatch(query);
        var continueText = query["continue"].ToString();
        var store = cluster.StoreOf(type);

        List<StoredObject> items;
        long rv;
        string startAfter = "";
        if (continueText.Length > 0)
        {
            var token = ContinueToken.Decode(continueText);
            startAfter = token.StartAfter;
            try
            {
                (items, rv) = store.SnapshotAt(token.ResourceVersion, route.Namespace);
            }
            catch (ApiException e) when (e.Code == 410)
            {
                throw ApiException.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
            }
        }
        else if (match == "Exact" && requestedVersion is { } exact)
        {
            (items, rv) = store.SnapshotAt(exact, route.Namespace);
        }
        else
        {
            (items, rv) = store.Snapshot(route.Namespace);
        }

        items.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var matched = new List<StoredObject>();
        var remaining = 0;
        string? next = null;
        foreach (var item in items)
        {
            if ((startAfter.Length > 0 && string.CompareOrdinal(item.Key, startAfter) <= 0)
                || !labels.Matches(item.Labels)
                || (!fields.IsEmpty && !fields.Matches(item)))
            {
                continue;
            }

            if (limit > 0 && matched.Count == limit)
            {
                next ??= new ContinueToken(rv, matched[^1].Key).Encode();
                remaining++;
                continue;
            }

            matched.Add(item);
        }

        var listMeta = new JsonObject { ["resourceVersion"] = ObjectPreparation.ResourceVersionText(rv) };
        if (next is not null)
        {
            listMeta["continue"] = next;
            listMeta["remainingItemCount"] = remaining;
        }

        return ObjectRendering.ShapeOf(context.Request.Headers.Accept) switch
        {
            ResponseShape.Table => HttpIo.WriteJsonAsync(context.Response, 200, TableConverter.Table(
                type, matched.Select(o => ObjectRendering.Parse(type, o)), query["includeObject"].ToString(), listMeta, true, cluster.Now)),
            ResponseShape.PartialMetadata => HttpIo.WriteJsonAsync(context.Response, 200, new JsonObject
            {
                ["kind"] = "PartialObjectMetadataList",
                ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = listMeta,
                ["items"] = new JsonArray(matched.Select(o => (JsonNode)ObjectRendering.PartialMetadata(o.Parse())).ToArray()),
            }),
            _ => HttpIo.WriteJsonAsync(context.Response, 200, ListBytes(type, listMeta, matched)),
        };
    }

    // Items are spliced in as stored bytes: a list costs no re-serialization.
    private static byte[] ListBytes(ResourceType type, JsonObject listMeta, List<StoredObject> items)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + items.Sum(i => i.Json.Length + 1));
        Write(buffer, $"{{\"kind\":\"{type.ListKind}\",\"apiVersion\":\"{type.ApiVersion}\",\"metadata\":");
        buffer.Write(KubeJson.Serialize(listMeta));
        Write(buffer, ",\"items\":[");
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                buffer.Write(","u8);
            }

            buffer.Write(ObjectRendering.Bytes(type, items[i]));
        }

        buffer.Write("]}"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string text) => buffer.Write(Encoding.UTF8.GetBytes(text));
}
