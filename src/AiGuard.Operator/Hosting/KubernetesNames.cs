using System.Text.RegularExpressions;

namespace AiGuard.Operator.Hosting;

/// <summary>KubernetesNames checks user-supplied names before they reach the API server, so errors name the flag.</summary>
public static partial class KubernetesNames
{
    /// <summary>True for an RFC 1123 label: what namespace names must be.</summary>
    public static bool IsDnsLabel(string? value) => value is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(value);

    /// <summary>True for an RFC 1123 subdomain: what most object names (a Lease's among them) must be.</summary>
    public static bool IsDnsSubdomain(string? value) =>
        value is { Length: > 0 and <= 253 } && value.Split('.').All(label => label.Length <= 63 && DnsLabel().IsMatch(label));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
