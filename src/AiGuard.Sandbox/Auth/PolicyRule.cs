using System.Text.Json.Nodes;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// One rbac.authorization.k8s.io/v1 PolicyRule and how it matches a request, exactly as the RBAC authorizer does:
/// "*" matches every verb, group, resource or URL; "*/status" matches that subresource of every resource; a
/// trailing "*" in a non-resource URL is a prefix match; resourceNames only match requests that name an object.
/// </summary>
internal sealed record PolicyRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    public const string All = "*";

    public static PolicyRule FromJson(JsonObject rule) => new(
        Strings(rule, "verbs"),
        Strings(rule, "apiGroups"),
        Strings(rule, "resources"),
        Strings(rule, "resourceNames"),
        Strings(rule, "nonResourceURLs"));

    public static IReadOnlyList<PolicyRule> ListFrom(JsonObject? role) =>
        role.GetArray("rules")?.OfType<JsonObject>().Select(FromJson).ToList() ?? [];

    public bool Allows(RequestAttributes request)
    {
        if (!Matches(Verbs, request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return NonResourceUrls.Any(url => url == All || url == request.Path
                || (url.EndsWith('*') && request.Path.StartsWith(url[..^1], StringComparison.Ordinal)));
        }

        return Matches(ApiGroups, request.ApiGroup)
            && ResourceMatches(request)
            && (ResourceNames.Count == 0 || (request.Name.Length > 0 && ResourceNames.Contains(request.Name)));
    }

    private bool ResourceMatches(RequestAttributes request)
    {
        var combined = request.CombinedResource;
        foreach (var resource in Resources)
        {
            if (resource == All || resource == combined
                || (request.Subresource.Length > 0 && resource == "*/" + request.Subresource))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(IReadOnlyList<string> values, string value) => values.Contains(All) || values.Contains(value);

    public JsonObject ToJson()
    {
        var rule = new JsonObject { ["verbs"] = Array(Verbs) };
        if (ApiGroups.Count > 0 || Resources.Count > 0)
        {
            rule["apiGroups"] = Array(ApiGroups);
            rule["resources"] = Array(Resources);
        }

        if (ResourceNames.Count > 0)
        {
            rule["resourceNames"] = Array(ResourceNames);
        }

        if (NonResourceUrls.Count > 0)
        {
            rule["nonResourceURLs"] = Array(NonResourceUrls);
        }

        return rule;
    }

    /// <summary>Structural equality (records compare lists by reference).</summary>
    public bool SameAs(PolicyRule other) =>
        Verbs.SequenceEqual(other.Verbs) && ApiGroups.SequenceEqual(other.ApiGroups) && Resources.SequenceEqual(other.Resources)
        && ResourceNames.SequenceEqual(other.ResourceNames) && NonResourceUrls.SequenceEqual(other.NonResourceUrls);

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static List<string> Strings(JsonObject rule, string property) =>
        rule.GetArray(property)?.Select(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null)
            .OfType<string>().ToList() ?? [];
}
