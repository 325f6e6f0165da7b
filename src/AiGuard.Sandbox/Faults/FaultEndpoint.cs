using System.Globalization;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Hosting;
using AiGuard.Sandbox.Serialization;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Faults;

/// <summary>
/// HTTP admin API for <see cref="FaultInjector"/>: GET/POST/DELETE /sandbox/faults, DELETE /sandbox/faults/{id},
/// POST /sandbox/faults/close-watches[?resource=], POST /sandbox/faults/expire?count=N[&amp;resource=],
/// POST /sandbox/faults/compact.
/// </summary>
internal sealed class FaultEndpoint(FaultInjector faults)
{
    public async Task HandleAsync(HttpContext context, string[] rest)
    {
        var method = context.Request.Method;
        switch (rest)
        {
            case [] when method == "GET":
                await HttpIo.WriteJsonAsync(context.Response, 200, new JsonObject
                {
                    ["rules"] = new JsonArray(faults.Rules.Select(r => (JsonNode)ToJson(r)).ToArray()),
                });
                return;
            case [] when method == "POST":
                var body = HttpIo.RequireObject(HttpIo.ParseJsonOrYaml(await HttpIo.ReadBodyAsync(context.Request, context.RequestAborted), allowYaml: true).Node);
                FaultRule added;
                try
                {
                    added = faults.Add(FromJson(body));
                }
                catch (ArgumentException e)
                {
                    throw ApiException.BadRequest(e.Message);
                }

                await HttpIo.WriteJsonAsync(context.Response, 201, ToJson(added));
                return;
            case [] when method == "DELETE":
                faults.Clear();
                await HttpIo.WriteJsonAsync(context.Response, 200, new JsonObject { ["cleared"] = true });
                return;
            case ["close-watches"] when method == "POST":
                var resource = context.Request.Query["resource"].ToString();
                var closed = faults.CloseWatches(resource.Length > 0 ? resource : null);
                await HttpIo.WriteJsonAsync(context.Response, 200, new JsonObject { ["closed"] = closed });
                return;
            case ["expire"] when method == "POST":
                var count = context.Request.Query["count"].ToString();
                if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > FaultInjector.MaxExpiries)
                {
                    throw ApiException.BadRequest($"query parameter count: expected a whole number from 0 to {FaultInjector.MaxExpiries}, got \"{(count.Length > 20 ? count[..20] + "..." : count)}\"");
                }

                var expiring = context.Request.Query["resource"].ToString();
                var armed = faults.ExpireNext(n, expiring.Length > 0 ? expiring : null);
                await HttpIo.WriteJsonAsync(context.Response, 200, new JsonObject { ["armed"] = armed });
                return;
            case ["compact"] when method == "POST":
                var rv = faults.CompactHistory();
                await HttpIo.WriteJsonAsync(context.Response, 200, new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) });
                return;
            case [var id] when method == "DELETE":
                if (!faults.Remove(id))
                {
                    throw new ApiException(404, "NotFound", $"fault rule \"{id}\" not found");
                }

                await HttpIo.WriteJsonAsync(context.Response, 200, new JsonObject { ["removed"] = id });
                return;
            default:
                throw ApiException.NotFoundPath(context.Request.Path.Value ?? "");
        }
    }

    private static FaultRule FromJson(JsonObject body)
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "verb", "resource", "namespace", "probability", "count", "statusCode", "retryAfterSeconds", "latencyMs", "message" };
        if (body.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw ApiException.BadRequest($"unknown field \"{unknown}\" in fault rule; known fields: {string.Join(", ", known)}");
        }

        try
        {
            return new FaultRule
            {
                Verb = body.GetString("verb"),
                Resource = body.GetString("resource"),
                Namespace = body.GetString("namespace"),
                Probability = body["probability"]?.GetValue<double>() ?? 1.0,
                Count = (int?)body.GetInt64("count"),
                StatusCode = (int?)body.GetInt64("statusCode") ?? 500,
                RetryAfterSeconds = (int?)body.GetInt64("retryAfterSeconds"),
                Latency = TimeSpan.FromMilliseconds(body.GetInt64("latencyMs") ?? 0),
                Message = body.GetString("message"),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw ApiException.BadRequest($"invalid fault rule: {e.Message}");
        }
    }

    private static JsonObject ToJson(FaultRule rule) => new()
    {
        ["id"] = rule.Id,
        ["verb"] = rule.Verb,
        ["resource"] = rule.Resource,
        ["namespace"] = rule.Namespace,
        ["probability"] = rule.Probability,
        ["count"] = rule.Count,
        ["statusCode"] = rule.StatusCode,
        ["retryAfterSeconds"] = rule.RetryAfterSeconds,
        ["latencyMs"] = (long)rule.Latency.TotalMilliseconds,
        ["message"] = rule.Message,
    };
}
