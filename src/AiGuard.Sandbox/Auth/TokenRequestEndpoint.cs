using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Hosting;
using AiGuard.Sandbox.Serialization;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// The TokenRequest API, <c>POST /api/v1/namespaces/&lt;ns&gt;/serviceaccounts/&lt;sa&gt;/token</c> (what
/// <c>kubectl create token</c> calls): issues a token for an existing ServiceAccount that lives for
/// <c>spec.expirationSeconds</c> (default one hour, at least ten minutes, as on a real server).
/// </summary>
internal sealed class TokenRequestEndpoint(Cluster cluster, ServiceAccountTokens tokens)
{
    public const string Audience = "https://kubernetes.default.svc.cluster.local";
    private const long MinimumSeconds = 600;
    private const long MaximumSeconds = 1L << 32;

    public async Task CreateAsync(HttpContext context, ResourceRoute route)
    {
        var raw = await HttpIo.ReadBodyAsync(context.Request, context.RequestAborted);
        var request = HttpIo.DecodeObject(raw, HttpIo.MediaType(context.Request.ContentType), null).Node as JsonObject ?? new JsonObject();
        var name = route.Name!;
        var account = cluster.Operations.Get(route.Type, route.Namespace, name);
        var spec = request.GetObject("spec") ?? new JsonObject();
        var seconds = spec.GetInt64("expirationSeconds") ?? 3600;
        if (seconds is < MinimumSeconds or > MaximumSeconds)
        {
            var why = seconds < MinimumSeconds ? "may not specify a duration less than 10 minutes" : "may not specify a duration larger than 2^32 seconds";
            throw new ApiException(422, "Invalid", $"TokenRequest.authentication.k8s.io \"{name}\" is invalid: spec.expirationSeconds: Invalid value: {seconds}: {why}",
                new JsonObject { ["name"] = name, ["group"] = AuthTypes.AuthenticationGroup, ["kind"] = "TokenRequest" });
        }

        var audiences = spec.GetArray("audiences") is { Count: > 0 } requested ? requested.DeepClone() : new JsonArray(Audience);
        var issued = tokens.Issue(account.Namespace, name, account.Uid, TimeSpan.FromSeconds(seconds));
        var response = new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = account.Namespace, ["creationTimestamp"] = KubeJson.Timestamp(cluster.Now) },
            ["spec"] = new JsonObject { ["audiences"] = audiences, ["expirationSeconds"] = seconds, ["boundObjectRef"] = null },
            ["status"] = new JsonObject { ["token"] = issued.Token, ["expirationTimestamp"] = KubeJson.Timestamp(issued.ExpiresAt.UtcDateTime) },
        };
        await HttpIo.WriteJsonAsync(context.Response, 201, response);
    }
}
