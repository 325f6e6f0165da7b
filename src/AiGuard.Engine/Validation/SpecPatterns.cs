using System.Text.RegularExpressions;
using AiGuard.Api.Schema;

namespace AiGuard.Engine.Validation;

/// <summary>SpecPatterns compiles the CRD schema's shared patterns once, so both agree by construction.</summary>
internal static partial class SpecPatterns
{
    [GeneratedRegex(Patterns.Sha256Hex, RegexOptions.CultureInvariant)]
    public static partial Regex Sha256Hex();

    [GeneratedRegex(Patterns.DnsLabel, RegexOptions.CultureInvariant)]
    public static partial Regex DnsLabel();

    [GeneratedRegex(Patterns.DnsSubdomain, RegexOptions.CultureInvariant)]
    public static partial Regex DnsSubdomain();

    [GeneratedRegex(Patterns.EnvVarName, RegexOptions.CultureInvariant)]
    public static partial Regex EnvVarName();

    [GeneratedRegex(Patterns.SecretKey, RegexOptions.CultureInvariant)]
    public static partial Regex SecretKey();

    [GeneratedRegex(Patterns.AbsolutePath, RegexOptions.CultureInvariant)]
    public static partial Regex AbsolutePath();

    [GeneratedRegex("^(s3|gs|hf|oci|https|pvc)://.+\\z", RegexOptions.CultureInvariant)]
    public static partial Regex ModelUri();
}
