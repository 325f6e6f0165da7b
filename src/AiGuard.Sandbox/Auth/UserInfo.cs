namespace AiGuard.Sandbox.Auth;

/// <summary>
/// Who a request is from once authentication (and impersonation) is done: the same name, uid and groups
/// kube-apiserver hands to its authorizers.
/// </summary>
internal sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups)
{
    public const string Masters = "system:masters";
    public const string Authenticated = "system:authenticated";
    public const string Unauthenticated = "system:unauthenticated";
    public const string AnonymousName = "system:anonymous";
    public const string ServiceAccountPrefix = "system:serviceaccount:";
    public const string ServiceAccountsGroup = "system:serviceaccounts";

    /// <summary>A request without credentials.</summary>
    public static UserInfo Anonymous { get; } = new(AnonymousName, "", [Unauthenticated]);

    /// <summary>Members of system:masters bypass authorization entirely (and pay nothing for it).</summary>
    public bool IsMaster { get; } = Groups.Contains(Masters);

    /// <summary>The identity a ServiceAccount token authenticates as.</summary>
    public static UserInfo ServiceAccount(string ns, string name, string uid) =>
        new(ServiceAccountName(ns, name), uid, ServiceAccountGroups(ns));

    public static string ServiceAccountName(string ns, string name) => ServiceAccountPrefix + ns + ":" + name;

    public static IReadOnlyList<string> ServiceAccountGroups(string ns) =>
        [ServiceAccountsGroup, ServiceAccountsGroup + ":" + ns, Authenticated];

    /// <summary>Splits "system:serviceaccount:ns:name" into its namespace and name; null for other users.</summary>
    public static (string Namespace, string Name)? ParseServiceAccount(string userName)
    {
        if (!userName.StartsWith(ServiceAccountPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = userName[ServiceAccountPrefix.Length..].Split(':');
        return parts is [{ Length: > 0 } ns, { Length: > 0 } name] ? (ns, name) : null;
    }
}
