using System.Text.RegularExpressions;

namespace AiGuard.Cli.Adopt;

/// <summary>
/// CredentialNames recognises names of environment variables and command-line flags that carry credentials
/// (<c>HF_TOKEN</c>, <c>--api-key</c>, <c>DB_PASSWORD</c>). Their values are never copied into an adopted manifest
/// nor printed: a plain value there is a secret in clear text, and it belongs under spec.secrets, sealed.
/// </summary>
public static partial class CredentialNames
{
    /// <summary>True when <paramref name="name"/> looks like it holds a credential.</summary>
    public static bool LooksLikeCredential(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("(?i)(token|secret|passw(or)?d|passwd|api[-_]?key|access[-_]?key|private[-_]?key|credential|auth|cookie|session[-_]?key|signing[-_]?key|bearer|pwd)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
