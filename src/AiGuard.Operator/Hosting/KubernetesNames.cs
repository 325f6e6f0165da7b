using System.Text.RegularExpressions;

namespace AiGuard.Operator.Hosting;

/// <summary>KubernetesNames checks user-supplied names before they reach the API server, so errors name the flag.</summary>
public static partial class KubernetesNames
{
    /// <summary>True for an RFC 1123 label: what namespace names must be.</summary>
    public static bool IsDnsLabel(string? value) => value is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(value);

    /// <summary>
    /// True for a DNS-1123 subdomain as Kubernetes checks it (what most object names, a Lease's among them, must be):
    /// dot-separated labels of at most 253 characters in all. Like apimachinery's IsDNS1123Subdomain, a single label
    /// may exceed 63 characters: a 70-character Deployment name is valid, and refusing it would hide that workload.
    /// </summary>
    public static bool IsDnsSubdomain(string? value) =>
        value is { Length: > 0 and <= 253 } && value.Split('.').All(DnsLabel().IsMatch);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
