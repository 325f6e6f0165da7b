using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AiGuard.Engine.Networking;

/// <summary>
/// Cidr is an IPv4 or IPv6 address range in CIDR notation. Host bits are accepted and masked away, as Kubernetes
/// does for NetworkPolicy ipBlocks; IPv4 and IPv6 ranges never contain or overlap each other (an IPv4-mapped IPv6
/// range is an IPv6 range).
/// </summary>
public readonly record struct Cidr
{
    private readonly UInt128 first;
    private readonly UInt128 last;

    private Cidr(UInt128 address, int prefixLength, bool isIPv6)
    {
        var width = isIPv6 ? 128 : 32;
        var hostBits = width - prefixLength;

        // UInt128 shifts are taken modulo 128, so a /0 IPv6 mask must be spelled out.
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        first = address & ~hostMask;
        last = first | hostMask;
        PrefixLength = prefixLength;
        IsIPv6 = isIPv6;
    }

    /// <summary>Number of leading network bits.</summary>
    public int PrefixLength { get; }

    /// <summary>True for an IPv6 range.</summary>
    public bool IsIPv6 { get; }

    /// <summary>The first address of the range (host bits cleared).</summary>
    public IPAddress Network => ToAddress(first);

    /// <summary>The last address of the range.</summary>
    public IPAddress LastAddress => ToAddress(last);

    /// <summary>True for <c>0.0.0.0/0</c> and <c>::/0</c>: the range holds every address of its family.</summary>
    public bool ContainsEveryAddress => PrefixLength == 0;

    /// <summary>Parses <c>address/prefix</c>; throws <see cref="FormatException"/> with a message naming the problem.</summary>
    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr, out var error) ? cidr : throw new FormatException(error);

    /// <summary>Parses <c>address/prefix</c> strictly (no zones, no leading zeros, no shorthand IPv4 forms).</summary>
    public static bool TryParse(string? text, out Cidr cidr) => TryParse(text, out cidr, out _);

    /// <summary>Parses <c>address/prefix</c>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out Cidr cidr, out string error)
    {
        cidr = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a CIDR is required, e.g. 10.0.0.0/8";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || slash != text.LastIndexOf('/'))
        {
            error = $"'{text}' is not a CIDR: expected address/prefix, e.g. 10.0.0.0/8";
            return false;
        }

        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        UInt128 address;
        bool isIPv6;
        if (addressText.Contains(':', StringComparison.Ordinal))
        {
            if (!TryParseIPv6(addressText, out address))
            {
                error = $"'{text}' is not a CIDR: '{addressText}' is not an IPv6 address";
                return false;
            }

            isIPv6 = true;
        }
        else
        {
            if (!TryParseIPv4(addressText, out address))
            {
                error = $"'{text}' is not a CIDR: '{addressText}' is not an IPv4 address (four numbers 0-255 without leading zeros)";
                return false;
            }

            isIPv6 = false;
        }

        var width = isIPv6 ? 128 : 32;
        if (!TryParsePrefix(prefixText, width, out var prefix))
        {
            error = $"'{text}' is not a CIDR: the prefix length must be a number from 0 to {width}";
            return false;
        }

        cidr = new Cidr(address, prefix, isIPv6);
        error = "";
        return true;
    }

    /// <summary>A single-address range (/32 or /128).</summary>
    public static Cidr FromAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var isIPv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        return new Cidr(ToInteger(address), isIPv6 ? 128 : 32, isIPv6);
    }

    /// <summary>True when every address of <paramref name="other"/> lies in this range.</summary>
    public bool Contains(Cidr other) => IsIPv6 == other.IsIPv6 && first <= other.first && other.last <= last;

    /// <summary>True when <paramref name="address"/> lies in this range.</summary>
    public bool Contains(IPAddress address) => address is not null && Contains(FromAddress(address));

    /// <summary>True when the two ranges share at least one address.</summary>
    public bool Overlaps(Cidr other) => IsIPv6 == other.IsIPv6 && first <= other.last && other.first <= last;

    /// <summary>The canonical text, e.g. <c>10.0.0.0/8</c> (host bits cleared).</summary>
    public override string ToString() => $"{Network}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    private IPAddress ToAddress(UInt128 value)
    {
        if (!IsIPv6)
        {
            var v4 = (uint)value;
            return new IPAddress([(byte)(v4 >> 24), (byte)(v4 >> 16), (byte)(v4 >> 8), (byte)v4]);
        }

        var bytes = new byte[16];
        for (var i = 15; i >= 0; i--)
        {
            bytes[i] = (byte)value;
            value >>= 8;
        }

        return new IPAddress(bytes);
    }

    private static UInt128 ToInteger(IPAddress address)
    {
        UInt128 value = 0;
        foreach (var b in address.GetAddressBytes())
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static bool TryParseIPv4(string text, out UInt128 address)
    {
        address = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        uint value = 0;
        foreach (var part in parts)
        {
            if (!TryParseDecimal(part, 3, out var octet) || octet > 255)
            {
                return false;
            }

            value = (value << 8) | (uint)octet;
        }

        address = value;
        return true;
    }

    private static bool TryParseIPv6(string text, out UInt128 address)
    {
        address = 0;

        // IPAddress.TryParse accepts zones and brackets, which are not part of a CIDR.
        if (text.AsSpan().IndexOfAny("%[] ") >= 0
            || !IPAddress.TryParse(text, out var parsed)
            || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        address = ToInteger(parsed);
        return true;
    }

    private static bool TryParsePrefix(string text, int width, out int prefix)
    {
        prefix = 0;
        return TryParseDecimal(text, 3, out prefix) && prefix <= width;
    }

    private static bool TryParseDecimal(string text, int maxDigits, out int value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > maxDigits || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
