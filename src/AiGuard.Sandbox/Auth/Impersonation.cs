using AiGuard.Sandbox.Handlers;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// kubectl's <c>--as</c>, <c>--as-group</c> and <c>--as-uid</c> (the Impersonate-* headers): the requester needs the
/// <c>impersonate</c> verb on users (or serviceaccounts, for a ServiceAccount's user name), groups and uids, and the
/// request then runs as the impersonated user with the groups the real server adds.
/// </summary>
internal static class Impersonation
{
    public const string UserHeader = "Impersonate-User";
    public const string GroupHeader = "Impersonate-Group";
    public const string UidHeader = "Impersonate-Uid";

    public static UserInfo Apply(HttpRequest request, UserInfo requester, RbacAuthorizer authorizer)
    {
        var headers = request.Headers;
        var userName = headers[UserHeader].ToString();
        var groups = headers[GroupHeader].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        var uid = headers[UidHeader].ToString();
        var extras = headers.Keys.Any(k => k.StartsWith("Impersonate-Extra-", StringComparison.OrdinalIgnoreCase));
        if (userName.Length == 0)
        {
            if (groups.Count > 0 || uid.Length > 0 || extras)
            {
                throw ApiException.BadRequest("impersonation requested groups, uid or extra fields without impersonating a user (set Impersonate-User)");
            }

            return requester;
        }

        var serviceAccount = UserInfo.ParseServiceAccount(userName);
        authorizer.Require(serviceAccount is { } sa
            ? RequestAttributes.ForResource(requester, "impersonate", "", "serviceaccounts", ns: sa.Namespace, name: sa.Name)
            : RequestAttributes.ForResource(requester, "impersonate", "", "users", name: userName));
        foreach (var group in groups)
        {
            authorizer.Require(RequestAttributes.ForResource(requester, "impersonate", "", "groups", name: group));
        }

        if (uid.Length > 0)
        {
            authorizer.Require(RequestAttributes.ForResource(requester, "impersonate", "authentication.k8s.io", "uids", name: uid));
        }

        if (extras)
        {
            throw ApiException.BadRequest("the sandbox does not support Impersonate-Extra-* headers");
        }

        if (serviceAccount is { } account && groups.Count == 0)
        {
            groups.AddRange(UserInfo.ServiceAccountGroups(account.Namespace));
        }

        if (userName == UserInfo.AnonymousName)
        {
            if (!groups.Contains(UserInfo.Unauthenticated))
            {
                groups.Add(UserInfo.Unauthenticated);
            }
        }
        else if (!groups.Contains(UserInfo.Authenticated) && !groups.Contains(UserInfo.Unauthenticated))
        {
            groups.Add(UserInfo.Authenticated);
        }

        return new UserInfo(userName, uid, groups);
    }
}
