using System.Security.Cryptography;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// Bearer-token authentication in kube-apiserver's order: the per-run admin token (group system:masters), the
/// static token file, then ServiceAccount tokens from the TokenRequest API. No Authorization header is
/// system:anonymous; a bearer token nobody recognises is 401 Unauthorized, never anonymous.
/// </summary>
internal sealed class Authenticator
{
    public const string AdminUserName = "sandbox-admin";

    private readonly Cluster cluster;
    private readonly IReadOnlyDictionary<string, UserInfo> staticTokens;
    private readonly UserInfo admin = new(AdminUserName, "", [UserInfo.Masters, UserInfo.Authenticated]);

    public Authenticator(Cluster cluster, IReadOnlyDictionary<string, UserInfo> staticTokens)
    {
        this.cluster = cluster;
        this.staticTokens = staticTokens;
        AdminToken = "sandbox-admin." + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        ServiceAccountTokens = new ServiceAccountTokens(cluster.Time);
    }

    /// <summary>A random token, new for every sandbox, that authenticates as a member of system:masters.</summary>
    public string AdminToken { get; }

    public ServiceAccountTokens ServiceAccountTokens { get; }

    public UserInfo Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // No credentials (or a scheme the sandbox does not configure, like the real server without basic auth).
            return UserInfo.Anonymous;
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0)
        {
            return UserInfo.Anonymous;
        }

        if (token.Length == AdminToken.Length
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(token), System.Text.Encoding.ASCII.GetBytes(AdminToken)))
        {
            return admin;
        }

        return staticTokens.GetValueOrDefault(token)
            ?? ServiceAccountTokens.Authenticate(token, CurrentServiceAccountUid)
            ?? throw Unauthorized();
    }

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    private string? CurrentServiceAccountUid(string ns, string name)
    {
        var type = cluster.Registry.Current.Find("", "v1", "serviceaccounts")!;
        return cluster.StoreOf(type).Get(StoredObject.KeyOf(ns, name))?.Uid;
    }
}
