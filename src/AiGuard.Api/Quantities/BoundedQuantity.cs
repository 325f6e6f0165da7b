using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace AiGuard.Api.Quantities;

/// <summary>
/// BoundedQuantity reads a Kubernetes quantity (<c>500m</c>, <c>1.5Gi</c>, <c>2e3</c>) with work bounded by its
/// length. KubernetesClient's <c>ResourceQuantity</c> raises ten to the written exponent as a big integer, so one
/// quantity such as <c>1e999999999</c> in a spec (which the upstream quantity pattern accepts) takes gigabytes and
/// minutes to read or print: a single object could stall the operator. This reader refuses what no resource can
/// mean (more than <see cref="MaxDigits"/> significant digits, a decimal exponent beyond <see cref="MaxExponent"/>)
/// and compares the rest exactly, the way the API server canonicalizes them (<c>1000m</c> equals <c>1</c>,
/// <c>1Ki</c> equals <c>1024</c>).
/// </summary>
public readonly struct BoundedQuantity : IEquatable<BoundedQuantity>
{
    /// <summary>The most significant digits a quantity may have (int64 needs 19, the API server keeps 38 at most).</summary>
    public const int MaxDigits = 64;

    /// <summary>The largest decimal exponent a quantity may carry in either direction (exa is 18, nano is -9).</summary>
    public const int MaxExponent = 64;

    // Normalized value: (-1)^negative * digits * 10^exponent, digits without leading or trailing zeros ("" is zero).
    private readonly bool negative;
    private readonly string digits;
    private readonly int exponent;

    private BoundedQuantity(bool negative, string digits, int exponent) =>
        (this.negative, this.digits, this.exponent) = (negative && digits.Length > 0, digits, digits.Length > 0 ? exponent : 0);

    /// <summary>True when the quantity is more than zero.</summary>
    public bool IsPositive => !negative && !string.IsNullOrEmpty(digits);

    /// <summary>Reads <paramref name="text"/>; false with a reason when it is not a quantity or is out of range.</summary>
    public static bool TryParse(string? text, out BoundedQuantity quantity, [NotNullWhen(false)] out string? error)
    {
        quantity = default;
        error = null;
        if (string.IsNullOrEmpty(text) || text.Length > 2 * MaxDigits)
        {
            error = string.IsNullOrEmpty(text) ? "a quantity must not be empty" : $"a quantity has at most {2 * MaxDigits} characters";
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

        var significand = (integral + fraction).TrimStart('0');
        var exponent = exponent10 - fraction.Length;
        var trimmed = significand.TrimEnd('0');
        exponent += significand.Length - trimmed.Length;
        if (trimmed.Length > MaxDigits || (trimmed.Length > 0 && Math.Abs(exponent + trimmed.Length - 1) > MaxExponent))
        {
            error = $"'{text}' is out of range: at most {MaxDigits} significant digits and a decimal exponent within ±{MaxExponent}";
            return false;
        }

        if (exponent2 > 0 && trimmed.Length > 0)
        {
            // Binary suffixes (at most Ei = 2^60) are multiplied out exactly; the digits stay bounded by MaxDigits + 19.
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

        // A decimal exponent: e or E, an optional sign, then digits. Three digits already exceed MaxExponent, so
        // longer ones are refused before they are read as a number.
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

        if (value.Length > 4)
        {
            exponent10 = int.MaxValue / 2;
            return true;
        }

        exponent10 = int.Parse(value, CultureInfo.InvariantCulture) * (suffix[1] == '-' ? -1 : 1);
        return true;
    }
}
