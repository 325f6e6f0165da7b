using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Hosting;
using AiGuard.Sandbox.Resources;
using AiGuard.Sandbox.Serialization;
using AiGuard.Sandbox.Storage;
using AiGuard.Sandbox.Tables;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Watch;

/// <summary>
/// WATCH as chunked JSON lines: replay from a resourceVersion (or current objects as ADDED), WatchList
/// (sendInitialEvents with the initial-events-end bookmark), periodic bookmarks, selector filtering that turns
/// objects leaving the selection into DELETED, Table events, timeoutSeconds. An expired resourceVersion is
/// answered like the real server: HTTP 200 with one ERROR event carrying a 410 Expired Status.
/// </summary>
internal sealed class WatchEndpoint(Cluster cluster)
{
    private const int MaxBacklog = 50_000;
    private const long DefaultTimeoutSeconds = 1800;

    // Longer timeouts are cut to a day: the timer behind them cannot take arbitrary values.
    private const long MaxTimeoutSeconds = 86_400;

    /// <summary>Serves one watch; <paramref name="expired"/> (an injected fault) answers it with the 410 ERROR event alone.</summary>
    public async Task WatchAsync(HttpContext context, ResourceRoute route, bool expired = false)
    {
        var query = context.Request.Query;
        var type = route.Type;
        var filter = new WatchFilter(
            route.Namespace,
            LabelSelector.Parse(query["labelSelector"]),
            FieldSelector.Parse(BuildFieldSelector(query["fieldSelector"], route.Name), type.Kind, type.FieldLabels));
        var allowBookmarks = IsTrue(query["allowWatchBookmarks"]);
        var sendInitialEvents = query.ContainsKey("sendInitialEvents") ? IsTrue(query["sendInitialEvents"]) : (bool?)null;
        var requestedVersion = ReadQuery.ResourceVersion(query);
        var timeoutSeconds = ReadQuery.TimeoutSeconds(query);
        if (sendInitialEvents == true && (!allowBookmarks || query["resourceVersionMatch"] != "NotOlderThan"))
        {
            throw new ApiException(422, "Invalid", "sendInitialEvents requires allowWatchBookmarks=true and resourceVersionMatch=NotOlderThan");
        }

        long? from = null;
        if (sendInitialEvents != true && requestedVersion is > 0)
        {
            from = requestedVersion;
        }

        var timeout = TimeSpan.FromSeconds(timeoutSeconds is > 0 ? Math.Min(timeoutSeconds.Value, MaxTimeoutSeconds) : DefaultTimeoutSeconds);
        var table = ObjectRendering.ShapeOf(context.Request.Headers.Accept) == ResponseShape.Table;
        var includeObject = query["includeObject"].ToString();
        var store = cluster.StoreOf(type);

        context.Response.StatusCode = 200;
        context.Response.ContentType = HttpIo.Json;
        if (expired)
        {
            await WriteErrorEventAsync(context.Response, ApiException.Expired("too old resource version (injected by /sandbox/faults/expire)"), context.RequestAborted);
            return;
        }

        WatchSubscription subscription;
        try
        {
            subscription = store.Subscribe(from, initialEventsEndBookmark: sendInitialEvents == true, MaxBacklog);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            await WriteErrorEventAsync(context.Response, e, context.RequestAborted);
            return;
        }

        using (subscription)
        using (var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, cluster.Stopping))
        {
            lifetime.CancelAfter(timeout);
            using var bookmarks = allowBookmarks ? StartBookmarks(store, subscription, lifetime.Token) : null;
            await context.Response.StartAsync(lifetime.Token);
            await context.Response.Body.FlushAsync(lifetime.Token);
            var buffer = new ArrayBufferWriter<byte>(4096);
            try
            {
                while (await subscription.Reader.WaitToReadAsync(lifetime.Token))
                {
                    while (subscription.Reader.TryRead(out var e))
                    {
                        subscription.Consumed();
                        if (Frame(e, filter, allowBookmarks) is { } eventType)
                        {
                            WriteEvent(buffer, type, eventType, e, table, includeObject);
                        }

                        if (buffer.WrittenCount > 64 * 1024)
                        {
                            break;
                        }
                    }

                    if (buffer.WrittenCount > 0)
                    {
                        await context.Response.Body.WriteAsync(buffer.WrittenMemory, lifetime.Token);
                        await context.Response.Body.FlushAsync(lifetime.Token);
                        buffer.Clear();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout, client gone or server stopping: end the stream cleanly.
            }
        }
    }

    private static string? BuildFieldSelector(string? fieldSelector, string? name) =>
        name is null ? fieldSelector : string.IsNullOrEmpty(fieldSelector) ? "metadata.name=" + name : fieldSelector + ",metadata.name=" + name;

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";

    private ITimer StartBookmarks(ResourceStore store, WatchSubscription subscription, CancellationToken token)
    {
        var interval = cluster.Options.BookmarkInterval;
        return cluster.Time.CreateTimer(_ =>
        {
            if (!token.IsCancellationRequested)
            {
                store.Bookmark(subscription);
            }
        }, null, interval, interval);
    }

    /// <summary>The wire event type for this watcher, or null to skip (filtered out, or a bookmark not asked for).</summary>
    private static WatchEventType? Frame(WatchEvent e, WatchFilter filter, bool allowBookmarks)
    {
        switch (e.Type)
        {
            case WatchEventType.Bookmark:
                return allowBookmarks || e.InitialEventsEnd ? WatchEventType.Bookmark : null;
            case WatchEventType.Added:
                return filter.Matches(e.Object!) ? WatchEventType.Added : null;
            case WatchEventType.Deleted:
                return filter.Matches(e.Previous ?? e.Object!) ? WatchEventType.Deleted : null;
            default:
                var now = filter.Matches(e.Object!);
                var before = e.Previous is not null && filter.Matches(e.Previous);
                return (now, before) switch
                {
                    (true, true) => WatchEventType.Modified,
                    (true, false) => WatchEventType.Added,
                    (false, true) => WatchEventType.Deleted,
                    _ => null,
                };
        }
    }

    private void WriteEvent(ArrayBufferWriter<byte> buffer, ResourceType type, WatchEventType eventType, WatchEvent e, bool table, string includeObject)
    {
        buffer.Write("{\"type\":\""u8);
        buffer.Write(System.Text.Encoding.ASCII.GetBytes(WatchEvent.WireName(eventType)));
        buffer.Write("\",\"object\":"u8);
        if (eventType == WatchEventType.Bookmark)
        {
            buffer.Write(KubeJson.Serialize(Bookmark(type, e)));
        }
        else if (table)
        {
            var rowMeta = new JsonObject { ["resourceVersion"] = ObjectPreparation.ResourceVersionText(e.ResourceVersion) };
            buffer.Write(KubeJson.Serialize(TableConverter.Table(type, [ObjectRendering.Parse(type, e.Object!)], includeObject, rowMeta, true, cluster.Now)));
        }
        else
        {
            buffer.Write(ObjectRendering.Bytes(type, e.Object!));
        }

        buffer.Write("}\n"u8);
    }

    private static JsonObject Bookmark(ResourceType type, WatchEvent e)
    {
        var metadata = new JsonObject { ["resourceVersion"] = ObjectPreparation.ResourceVersionText(e.ResourceVersion) };
        if (e.InitialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata };
    }

    private static async Task WriteErrorEventAsync(HttpResponse response, ApiException error, CancellationToken token)
    {
        var line = new JsonObject { ["type"] = "ERROR", ["object"] = error.ToStatus() };
        await response.Body.WriteAsync(KubeJson.Serialize(line), token);
        await response.Body.WriteAsync("\n"u8.ToArray(), token);
    }

    private sealed record WatchFilter(string? Namespace, LabelSelector Labels, FieldSelector Fields)
    {
        public bool Matches(StoredObject o) =>
            (string.IsNullOrEmpty(Namespace) || o.Namespace == Namespace)
            && Labels.Matches(o.Labels)
            && (Fields.IsEmpty || Fields.Matches(o));
    }
}
