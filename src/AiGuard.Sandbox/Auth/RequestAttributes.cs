namespace AiGuard.Sandbox.Auth;

/// <summary>
/// What a request asks to do, in the terms RBAC decides on (kube-apiserver's authorizer.Attributes): a resource
/// request (verb, API group, resource, subresource, namespace, name) or a non-resource request (verb, path).
/// </summary>
internal sealed record RequestAttributes(
    UserInfo User,
    string Verb,
    bool IsResourceRequest,
    string ApiGroup = "",
    string Resource = "",
    string Subresource = "",
    string Namespace = "",
    string Name = "",
    string Path = "")
{
    public static RequestAttributes ForResource(UserInfo user, string verb, string group, string resource, string subresource = "", string ns = "", string name = "") =>
        new(user, verb, true, group, resource, subresource, ns, name);

    public static RequestAttributes ForPath(UserInfo user, string verb, string path) => new(user, verb, false, Path: path);

    /// <summary>"pods/log" for a subresource request, else the resource.</summary>
    public string CombinedResource => Subresource.Length == 0 ? Resource : Resource + "/" + Subresource;
}
