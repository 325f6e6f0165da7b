using System.Text.Json.Nodes;
using AiGuard.Sandbox.Auth;
using AiGuard.Sandbox.Discovery;
using AiGuard.Sandbox.Faults;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.OpenApi;
using AiGuard.Sandbox.Watch;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Hosting;

/// <summary>
/// The single request entry point: authenticates the caller, parses the path itself (cheaper and closer to the
/// real server than endpoint routing), authorizes the request, applies injected faults, counts the request, and
/// turns failures into Status objects.
/// </summary>
internal sealed class ApiDispatcher
{
    private readonly Cluster cluster;
    private readonly ReadEndpoints reads;
    private readonly WriteEndpoints writes;
    private readonly WatchEndpoint watches;
    private readonly OpenApiDocuments openApi;
    private readonly FaultEndpoint faults;
    private readonly byte[] version;

    public ApiDispatcher(Cluster cluster)
    {
        this.cluster = cluster;
        reads = new ReadEndpoints(cluster);
        writes = new WriteEndpoints(cluster, reads);
        watches = new WatchEndpoint(cluster);
        var minor = cluster.Options.KubeMinorVersion;
        var gitVersion = $"v1.{minor}.0";
        openApi = new OpenApiDocuments(cluster.Registry, gitVersion);
        faults = new FaultEndpoint(cluster.Faults);
        version = Serialization.KubeJson.Serialize(new JsonObject
        {
            ["major"] = "1",
            ["minor"] = minor,
            ["gitVersion"] = gitVersion,
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2025-01-01T00:00:00Z",
            ["goVersion"] = "go1.23.0",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        });
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            var user = cluster.Access.Identify(context);
            if (!await TryResourceAsync(context, segments, user))
            {
                await NonResourceAsync(context, path, segments, user);
            }
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await HttpIo.WriteStatusAsync(context.Response, e);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // A sandbox bug must still look like an API server error to clients, never a stack trace.
            await HttpIo.WriteStatusAsync(context.Response, new ApiException(500, "InternalError", "Internal error occurred: " + e.Message));
        }
    }

    private async Task<bool> TryResourceAsync(HttpContext context, string[] segments, UserInfo user)
    {
        string group, ver;
        int restAt;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            (group, ver, restAt) = ("", segments[1], 2);
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            (group, ver, restAt) = (segments[1], segments[2], 3);
        }
        else
        {
            return false;
        }

        var route = ResourceRoute.Parse(cluster.Registry.Current, group, ver, segments.AsSpan(restAt))
            ?? throw ApiException.NotServed(group, ver, ResourceRoute.PluralOf(segments.AsSpan(restAt)));

        var method = context.Request.Method;
        var mediaType = HttpIo.MediaType(context.Request.ContentType);
        var verb = Verb(method, route, context.Request.Query["watch"], mediaType);
        var code = 500;
        try
        {
            cluster.Access.AuthorizeResource(user, verb, route);
            if (cluster.Faults.Match(verb, route.Type.Plural, route.Subresource, route.Namespace) is { } fault)
            {
                await InjectAsync(fault, context.RequestAborted);
            }

            var expired = route.Subresource.Length == 0 && cluster.Faults.TakeExpiry(verb, route.Type.Plural);
            if (verb == "watch")
            {
                cluster.Metrics.Record(verb, route.Type.Plural, route.Subresource, 200);
                code = 0;
                await watches.WatchAsync(context, route, expired);
                return true;
            }

            if (expired)
            {
                throw ApiException.Expired("too old resource version (injected by /sandbox/faults/expire)");
            }

            await (verb switch
            {
                "create" when AuthTypes.IsReview(route.Type) => cluster.Access.Reviews.CreateAsync(context, route, user),
                "create" when route.Subresource == "token" => cluster.Access.Tokens.CreateAsync(context, route),
                _ when AuthTypes.IsReview(route.Type) || route.Subresource == "token" =>
                    throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource ({method})"),
                "get" when route.Subresource == "scale" => HttpIo.WriteJsonAsync(context.Response, 200,
                    ScaleEndpoint.Get(route.Type, cluster.Operations.Get(route.Type, route.Namespace, route.Name!))),
                "get" => reads.GetAsync(context, route),
                "list" => reads.ListAsync(context, route),
                "create" => writes.CreateAsync(context, route),
                "update" => writes.UpdateAsync(context, route),
                "patch" or "apply" => writes.PatchAsync(context, route, mediaType),
                "delete" => writes.DeleteAsync(context, route),
                "deletecollection" => writes.DeleteCollectionAsync(context, route),
                _ => throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource ({method})"),
            });
            code = context.Response.StatusCode;
        }
        catch (ApiException e)
        {
            code = e.Code;
            throw;
        }
        finally
        {
            if (code != 0)
            {
                cluster.Metrics.Record(verb, route.Type.Plural, route.Subresource, code);
            }
        }

        return true;
    }

    private static string Verb(string method, ResourceRoute route, string? watch, string mediaType) => method switch
    {
        "GET" when watch is "true" or "1" => "watch",
        "GET" => route.Name is null ? "list" : "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => mediaType == WriteEndpoints.ApplyPatchYaml ? "apply" : "patch",
        "DELETE" => route.Name is null ? "deletecollection" : "delete",
        _ => method.ToLowerInvariant(),
    };

    private static async Task InjectAsync(FaultRule fault, CancellationToken token)
    {
        if (fault.Latency > TimeSpan.Zero)
        {
            await Task.Delay(fault.Latency, token);
        }

        if (fault.StatusCode > 0)
        {
            var reason = fault.StatusCode switch
            {
                400 => "BadRequest",
                401 => "Unauthorized",
                403 => "Forbidden",
                404 => "NotFound",
                409 => "Conflict",
                410 => "Expired",
                422 => "Invalid",
                429 => "TooManyRequests",
                503 => "ServiceUnavailable",
                504 => "Timeout",
                _ => "InternalError",
            };
            var details = fault.RetryAfterSeconds is { } retry ? new JsonObject { ["retryAfterSeconds"] = retry } : null;
            throw new ApiException(fault.StatusCode, reason, fault.Message ?? $"injected fault {fault.Id}", details, fault.RetryAfterSeconds);
        }
    }

    private async Task NonResourceAsync(HttpContext context, string path, string[] segments, UserInfo user)
    {
        cluster.Access.AuthorizePath(user, context.Request.Method, path);
        var registry = cluster.Registry.Current;
        var accept = context.Request.Headers.Accept.ToString();
        switch (segments)
        {
            case ["version"]:
                await HttpIo.WriteJsonAsync(context.Response, 200, version);
                return;
            case ["healthz" or "livez" or "readyz", ..]:
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok");
                return;
            case ["metrics"]:
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await context.Response.WriteAsync(cluster.Metrics.ToPrometheusText());
                return;
            case ["sandbox", "faults", ..]:
                await faults.HandleAsync(context, segments[2..]);
                return;
            case ["api" or "apis"] when DiscoveryDocuments.AggregatedVersion(accept) is { } discoveryVersion:
                await HttpIo.WriteJsonAsync(context.Response, 200, DiscoveryDocuments.Aggregated(registry, segments[0] == "api", discoveryVersion),
                    discoveryVersion == "v2" ? DiscoveryDocuments.AggregatedV2 : DiscoveryDocuments.AggregatedV2Beta1);
                return;
            case ["api"]:
                await HttpIo.WriteJsonAsync(context.Response, 200, DiscoveryDocuments.ApiVersions());
                return;
            case ["apis"]:
                await HttpIo.WriteJsonAsync(context.Response, 200, DiscoveryDocuments.ApiGroupList(registry));
                return;
            case ["api", var coreVersion] when registry.HasGroupVersion("", coreVersion):
                await HttpIo.WriteJsonAsync(context.Response, 200, DiscoveryDocuments.ResourceList(registry, "", coreVersion));
                return;
            case ["apis", var group] when registry.Groups.FirstOrDefault(g => g.Name == group) is { } apiGroup:
                await HttpIo.WriteJsonAsync(context.Response, 200, DiscoveryDocuments.Group(apiGroup));
                return;
            case ["apis", var group, var groupVersion] when registry.HasGroupVersion(group, groupVersion):
                await HttpIo.WriteJsonAsync(context.Response, 200, DiscoveryDocuments.ResourceList(registry, group, groupVersion));
                return;
            case ["openapi", "v3"]:
                await HttpIo.WriteJsonAsync(context.Response, 200, openApi.Index());
                return;
            case ["openapi", "v3", ..] when openApi.Document(string.Join('/', segments[2..])) is { } document:
                await HttpIo.WriteJsonAsync(context.Response, 200, document);
                return;
            default:
                throw ApiException.NotFoundPath(path);
        }
    }
}
