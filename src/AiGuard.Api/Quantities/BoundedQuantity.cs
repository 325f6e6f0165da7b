using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace AiGuard.Api.Quantities;

/// <summary>
/// BoundedQuantity reads a Kubernetes quantity (<c>500m</c>, <c>1.5Gi</c>, <c>2e3</c>) with work bounded by its
/// length. KubernetesClient's <c>ResourceQuantity</c> raises ten to the written exponent as a big integer, so one
/// quantity such as <c>1e999999999</c> (which the upstream quantity pattern accepts) takes gigabytes and minutes to
/// read or print: a single object could stall the operator. AiGuard's CRDs therefore accept quantities of at most
/// <see cref="MaxLength"/> characters with a written exponent of at most two digits (<see cref="Pattern"/>), this
/// reader refuses the rest, and compares what it reads exactly, the way the API server canonicalizes quantities
/// (<c>1000m</c> equals <c>1</c>, <c>1Ki</c> equals <c>1024</c>).
/// </summary>
public readonly struct BoundedQuantity : IEquatable<BoundedQuantity>
{
    /// <summary>The longest quantity text accepted (a 64-bit value in millis needs 22).</summary>
    public const int MaxLength = 64;

    /// <summary>The quantity grammar of k8s.io/apimachinery with the written exponent cut to two digits.</summary>
    public const string Pattern =
        "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?[0-9]{1,2}))?$";

    // Normalized value: (-1)^negative * digits * 10^exponent, digits without leading or trailing zeros ("" is zero).
    private readonly bool negative;
    private readonly string digits;
    private readonly int exponent;

    private BoundedQuantity(bool negative, string digits, int exponent) =>
        (this.negative, this.digits, this.exponent) = (negative && digits.Length > 0, digits, digits.Length > 0 ? exponent : 0);

    /// <summary>True when the quantity is more than zero.</summary>
    public bool IsPositive => !negative && !string.IsNullOrEmpty(digits);

    /// <summary>
    /// True when the value is a whole number of nano-units that System.Decimal holds exactly: the range in which
    /// KubernetesClient's ResourceQuantity reads and prints a quantity quickly and without rounding or overflow.
    /// </summary>
    public bool FitsDecimal => string.IsNullOrEmpty(digits) || (exponent >= -9 && digits.Length + exponent <= 28);

    /// <summary>Reads <paramref name="text"/>; false with a reason when it is not a quantity or is out of range.</summary>
    public static bool TryParse(string? text, out BoundedQuantity quantity, [NotNullWhen(false)] out string? error) =>
        TryParse(text, out quantity, out error, out _);

    /// <summary>
    /// As the public overload; <paramref name="outOfRange"/> tells a refusal for size (too long, a longer exponent:
    /// text shaped like a quantity that no resource can mean) from text that is no quantity at all.
    /// </summary>
    internal static bool TryParse(string? text, out BoundedQuantity quantity, [NotNullWhen(false)] out string? error, out bool outOfRange)
    {
        quantity = default;
        error = null;
        outOfRange = !string.IsNullOrEmpty(text) && text.Length > MaxLength;
        if (string.IsNullOrEmpty(text) || outOfRange)
        {
            error = string.IsNullOrEmpty(text) ? "a quantity must not be empty" : $"a quantity has at most {MaxLength} characters";
            return false;
        }

        var span = text.AsSpan();
        var negative = false;
        if (span[0] is '+' or '-')
        {
            negative = span[0] == '-';
            span = span[1..];
        }

        var numberLength = 0;
        while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
        {
            numberLength++;
        }

        if (!TrySplitNumber(span[..numberLength], out var integral, out var fraction)
            || !TrySuffix(span[numberLength..], out var exponent10, out var exponent2))
        {
            error = $"'{text}' is not a quantity such as 500m, 1.5Gi or 2e3";
            return false;
        }

        if (exponent10 == int.MaxValue)
        {
            outOfRange = true;
            error = $"'{text}' is out of range: a quantity's exponent has at most two digits (e.g. 2e3)";
            return false;
        }

        var significand = (integral + fraction).TrimStart('0');
        var exponent = exponent10 - fraction.Length;
        var trimmed = significand.TrimEnd('0');
        exponent += significand.Length - trimmed.Length;

        if (exponent2 > 0 && trimmed.Length > 0)
        {
            // Binary suffixes (at most Ei = 2^60) are multiplied out exactly; the digits stay bounded by MaxLength + 19.
            var scaled = BigInteger.Parse(trimmed, CultureInfo.InvariantCulture) << exponent2;
            var scaledDigits = scaled.ToString(CultureInfo.InvariantCulture);
            trimmed = scaledDigits.TrimEnd('0');
            exponent += scaledDigits.Length - trimmed.Length;
        }

        quantity = new BoundedQuantity(negative, trimmed, exponent);
        return true;
    }

    /// <summary>True when both texts are quantities of the same value; false for anything else, never slow.</summary>
    public static bool SameValue(string? a, string? b) =>
        TryParse(a, out var left, out _) && TryParse(b, out var right, out _) && left.Equals(right);

    /// <inheritdoc />
    public bool Equals(BoundedQuantity other) =>
        negative == other.negative && exponent == other.exponent && string.Equals(digits ?? "", other.digits ?? "", StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BoundedQuantity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(negative, exponent, digits ?? "");

    public static bool operator ==(BoundedQuantity left, BoundedQuantity right) => left.Equals(right);

    public static bool operator !=(BoundedQuantity left, BoundedQuantity right) => !left.Equals(right);

    private static bool TrySplitNumber(ReadOnlySpan<char> number, out string integral, out string fraction)
    {
        var dot = number.IndexOf('.');
        integral = (dot < 0 ? number : number[..dot]).ToString();
        fraction = dot < 0 ? "" : number[(dot + 1)..].ToString();
        return (integral.Length > 0 || fraction.Length > 0) && !fraction.Contains('.', StringComparison.Ordinal);
    }

    private static bool TrySuffix(ReadOnlySpan<char> suffix, out int exponent10, out int exponent2)
    {
        (exponent10, exponent2) = suffix switch
        {
            "" => (0, 0),
            "n" => (-9, 0),
            "u" => (-6, 0),
            "m" => (-3, 0),
            "k" => (3, 0),
            "M" => (6, 0),
            "G" => (9, 0),
            "T" => (12, 0),
            "P" => (15, 0),
            "E" => (18, 0),
            "Ki" => (0, 10),
            "Mi" => (0, 20),
            "Gi" => (0, 30),
            "Ti" => (0, 40),
            "Pi" => (0, 50),
            "Ei" => (0, 60),
            _ => (int.MinValue, 0),
        };
        if (exponent10 != int.MinValue)
        {
            return true;
        }

        // A decimal exponent: e or E, an optional sign, then one or two digits. Longer ones are refused before they
        // are read as a number (int.MaxValue marks them for the caller's out-of-range message).
        exponent2 = 0;
        if (suffix.Length < 2 || suffix[0] is not ('e' or 'E'))
        {
            return false;
        }

        var sign = suffix[1] is '+' or '-' ? 1 : 0;
        var value = suffix[(1 + sign)..];
        if (value.IsEmpty || value.ContainsAnyExceptInRange('0', '9'))
        {
            exponent10 = int.MinValue;
            return false;
        }

        if (value.Length > 2)
        {
            exponent10 = int.MaxValue;
            return true;
        }

        exponent10 = int.Parse(value, CultureInfo.InvariantCulture) * (suffix[1] == '-' ? -1 : 1);
        return true;
    }
}
