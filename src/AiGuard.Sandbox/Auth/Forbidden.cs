using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// 403 Status objects worded exactly like kube-apiserver's (apierrors.NewForbidden around the authorization
/// handler's message), so clients and people see the errors they would see on a real cluster.
/// </summary>
internal static class Forbidden
{
    /// <summary>
    /// <c>configmaps is forbidden: User "u" cannot list resource "configmaps" in API group "" in the namespace "x"</c>,
    /// or <c>forbidden: User "u" cannot get path "/metrics"</c> for a non-resource request.
    /// </summary>
    public static ApiException Denied(RequestAttributes request)
    {
        var user = request.User.Name;
        if (!request.IsResourceRequest)
        {
            return Error("", "", "", $"User \"{user}\" cannot {request.Verb} path \"{request.Path}\"");
        }

        var scope = request.Namespace.Length > 0 ? $"in the namespace \"{request.Namespace}\"" : "at the cluster scope";
        return Error(request.ApiGroup, request.Resource, request.Name,
            $"User \"{user}\" cannot {request.Verb} resource \"{request.CombinedResource}\" in API group \"{request.ApiGroup}\" {scope}");
    }

    /// <summary>A Forbidden error for <paramref name="resource"/> (e.g. "roles") in <paramref name="group"/> named <paramref name="name"/>.</summary>
    public static ApiException Error(string group, string resource, string name, string why)
    {
        var qualified = group.Length == 0 ? resource : resource + "." + group;
        var message = resource.Length == 0 ? $"forbidden: {why}"
            : name.Length == 0 ? $"{qualified} is forbidden: {why}"
            : $"{qualified} \"{name}\" is forbidden: {why}";
        var details = new JsonObject();
        if (name.Length > 0)
        {
            details["name"] = name;
        }

        if (group.Length > 0)
        {
            details["group"] = group;
        }

        if (resource.Length > 0)
        {
            details["kind"] = resource;
        }

        return new ApiException(403, "Forbidden", message, details.Count > 0 ? details : null);
    }
}
