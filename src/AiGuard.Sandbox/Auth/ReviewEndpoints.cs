using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Hosting;
using AiGuard.Sandbox.Serialization;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// SelfSubjectAccessReview (<c>kubectl auth can-i</c>), SelfSubjectRulesReview (<c>can-i --list</c>) and
/// SelfSubjectReview (<c>kubectl auth whoami</c>): each answers about the requesting (possibly impersonated)
/// user and is echoed back with its status filled in, 201 Created, never stored.
/// </summary>
internal sealed class ReviewEndpoints(RbacAuthorizer authorizer)
{
    public async Task CreateAsync(HttpContext context, ResourceRoute route, UserInfo user)
    {
        var raw = await HttpIo.ReadBodyAsync(context.Request, context.RequestAborted);
        var review = HttpIo.RequireObject(HttpIo.DecodeObject(raw, HttpIo.MediaType(context.Request.ContentType), route.Type).Node);
        var status = route.Type.Plural switch
        {
            "selfsubjectaccessreviews" => AccessReview(review.GetObject("spec"), user),
            "selfsubjectrulesreviews" => RulesReview(review.GetObject("spec"), user),
            _ => new JsonObject { ["userInfo"] = UserInfoJson(user) },
        };
        review["apiVersion"] = route.Type.ApiVersion;
        review["kind"] = route.Type.Kind;
        review["metadata"] ??= new JsonObject();
        review["status"] = status;
        await HttpIo.WriteJsonAsync(context.Response, 201, review);
    }

    private JsonObject AccessReview(JsonObject? spec, UserInfo user)
    {
        RequestAttributes request;
        if (spec.GetObject("resourceAttributes") is { } resource)
        {
            request = RequestAttributes.ForResource(user, resource.GetString("verb") ?? "", resource.GetString("group") ?? "",
                resource.GetString("resource") ?? "", resource.GetString("subresource") ?? "", resource.GetString("namespace") ?? "", resource.GetString("name") ?? "");
        }
        else if (spec.GetObject("nonResourceAttributes") is { } path)
        {
            request = RequestAttributes.ForPath(user, path.GetString("verb") ?? "", path.GetString("path") ?? "");
        }
        else
        {
            throw new ApiException(422, "Invalid",
                "SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }

        var allowed = authorizer.Allows(request, out var reason);
        var status = new JsonObject { ["allowed"] = allowed };
        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }

        return status;
    }

    private JsonObject RulesReview(JsonObject? spec, UserInfo user)
    {
        var rules = authorizer.Index.RulesFor(user, spec.GetString("namespace") ?? "");
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        foreach (var rule in rules)
        {
            if (rule.NonResourceUrls.Count > 0)
            {
                nonResourceRules.Add(new JsonObject { ["verbs"] = Strings(rule.Verbs), ["nonResourceURLs"] = Strings(rule.NonResourceUrls) });
            }
            else
            {
                var json = new JsonObject { ["verbs"] = Strings(rule.Verbs), ["apiGroups"] = Strings(rule.ApiGroups), ["resources"] = Strings(rule.Resources) };
                if (rule.ResourceNames.Count > 0)
                {
                    json["resourceNames"] = Strings(rule.ResourceNames);
                }

                resourceRules.Add(json);
            }
        }

        return new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = nonResourceRules, ["incomplete"] = false };
    }

    public static JsonObject UserInfoJson(UserInfo user)
    {
        var info = new JsonObject { ["username"] = user.Name };
        if (user.Uid.Length > 0)
        {
            info["uid"] = user.Uid;
        }

        info["groups"] = Strings(user.Groups);
        return info;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
