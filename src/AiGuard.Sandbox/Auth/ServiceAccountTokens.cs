using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AiGuard.Sandbox.Auth;

/// <summary>
/// Tokens issued through the TokenRequest API (<c>POST .../serviceaccounts/&lt;sa&gt;/token</c>). Each token is bound
/// to the ServiceAccount's uid: it stops working when it expires (by the sandbox's clock) or when that
/// ServiceAccount is deleted, even if one with the same name is created again.
/// </summary>
internal sealed class ServiceAccountTokens(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);

    public (string Token, DateTimeOffset ExpiresAt) Issue(string ns, string name, string uid, TimeSpan lifetime)
    {
        var token = "sandbox-sa." + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expiresAt = time.GetUtcNow() + lifetime;
        tokens[token] = new IssuedToken(ns, name, uid, expiresAt);
        return (token, expiresAt);
    }

    /// <summary>
    /// The identity of a live token, or null when the token is unknown or expired, or its ServiceAccount is gone
    /// (<paramref name="currentUid"/> answers the uid of the ServiceAccount now stored under that name, or null).
    /// </summary>
    public UserInfo? Authenticate(string token, Func<string, string, string?> currentUid)
    {
        if (!tokens.TryGetValue(token, out var issued))
        {
            return null;
        }

        if (time.GetUtcNow() >= issued.ExpiresAt)
        {
            tokens.TryRemove(token, out _);
            return null;
        }

        return currentUid(issued.Namespace, issued.Name) == issued.Uid
            ? UserInfo.ServiceAccount(issued.Namespace, issued.Name, issued.Uid)
            : null;
    }

    private sealed record IssuedToken(string Namespace, string Name, string Uid, DateTimeOffset ExpiresAt);
}
