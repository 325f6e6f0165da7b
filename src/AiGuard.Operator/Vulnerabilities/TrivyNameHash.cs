using System.Globalization;
using System.Text;

namespace AiGuard.Operator.Vulnerabilities;

/// <summary>
/// TrivyNameHash is Trivy Operator's <c>kube.ComputeHash</c> of a name, the value of the
/// <c>trivy-operator.resource.name-hash</c> label it writes instead of <c>trivy-operator.resource.name</c> when a workload's
/// name is too long for a label value: FNV-1a (32 bit) over spew's <c>%#v</c> of the string (<c>(string)&lt;name&gt;</c>),
/// printed in decimal and passed through apimachinery's <c>rand.SafeEncodeString</c> (each character mapped into
/// <c>bcdfghjklmnpqrstvwxz2456789</c> by its code modulo 27). Checked against Trivy Operator's documented sample
/// (<c>system:controller:token-cleaner</c> is <c>868458b9d6</c>). 32 bits can be collided on purpose, so the hash
/// only confirms a name read elsewhere; it never names a workload by itself.
/// </summary>
public static class TrivyNameHash
{
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>The hash Trivy Operator writes for <paramref name="name"/>.</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = FnvOffset;
        foreach (var b in Encoding.UTF8.GetBytes("(string)" + name))
        {
            hash = unchecked((hash ^ b) * FnvPrime);
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var digit in digits)
        {
            encoded.Append(SafeAlphabet[digit % SafeAlphabet.Length]);
        }

        return encoded.ToString();
    }
}
