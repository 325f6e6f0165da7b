using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Resources;

namespace AiGuard.Sandbox.Hosting;

/// <summary>A request for a resource: /api/v1/... or /apis/group/version/..., parsed against the registry.</summary>
internal sealed record ResourceRoute(ResourceType Type, string? Namespace, string? Name, string Subresource)
{
    /// <summary>
    /// Parses the segments after the group-version. Returns null when the path names no served resource
    /// (the caller answers 404), throws for a known resource with an unknown subresource.
    /// </summary>
    public static ResourceRoute? Parse(RegistrySnapshot registry, string group, string version, ReadOnlySpan<string> rest)
    {
        if (rest.Length >= 3 && rest[0] == "namespaces" && registry.Find(group, version, rest[2]) is { Namespaced: true } namespacedType)
        {
            return Build(namespacedType, rest[1], rest[3..]);
        }

        if (rest.Length == 0 || registry.Find(group, version, rest[0]) is not { } type)
        {
            return null;
        }

        // A namespaced type addressed without a namespace is the cluster-wide list/watch.
        return Build(type, null, rest[1..]);
    }

    /// <summary>The resource a path names: <c>namespaces/NS/PLURAL/...</c> or <c>PLURAL/...</c>.</summary>
    public static string PluralOf(ReadOnlySpan<string> rest) => rest.Length >= 3 && rest[0] == "namespaces" ? rest[2] : rest[0];

    private static ResourceRoute Build(ResourceType type, string? ns, ReadOnlySpan<string> rest)
    {
        var name = rest.Length > 0 ? rest[0] : null;
        var subresource = rest.Length > 1 ? rest[1] : "";
        if (rest.Length > 2 || (subresource.Length > 0 && !IsServed(type, subresource)))
        {
            throw ApiException.NotFoundPath(string.Join('/', rest.ToArray()));
        }

        if (name is not null && !type.Namespaced && ns is not null)
        {
            throw ApiException.NotFoundPath(name);
        }

        return new ResourceRoute(type, ns, name, subresource);
    }

    private static bool IsServed(ResourceType type, string subresource) => subresource switch
    {
        "status" => type.HasStatus,
        "scale" => type.Scale is not null,
        "token" => type.Group.Length == 0 && type.Plural == "serviceaccounts",
        _ => false,
    };
}
