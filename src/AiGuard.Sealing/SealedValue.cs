using System.Buffers.Text;
using System.Security.Cryptography;

namespace AiGuard.Sealing;

/// <summary>
/// SealedValue is a parsed envelope (the text <c>AGS1...</c> in <c>spec.secrets[].sealedData</c>). Parsing needs no
/// key: it yields the key id and lets a caller check the scope offline. Nothing here is authenticated until
/// <see cref="Unsealer"/> opens the value, so these properties are hints for diagnosis, never for trust.
/// </summary>
public sealed class SealedValue
{
    private readonly byte[] _envelope;
    private readonly int _wrappedKeyLength;

    private SealedValue(byte[] envelope, int wrappedKeyLength)
    {
        _envelope = envelope;
        _wrappedKeyLength = wrappedKeyLength;
        ScopeMode = (SealingScopeMode)envelope[EnvelopeFormat.ModeOffset];
        KeyId = EnvelopeFormat.KeyIdText(envelope.AsSpan(EnvelopeFormat.KeyIdOffset, EnvelopeFormat.KeyIdLength));
    }

    /// <summary>The readable prefix every sealed value starts with: envelope version 1.</summary>
    public const string Prefix = EnvelopeFormat.TextPrefix;

    /// <summary>The largest value that can be sealed (1 MiB, the size limit of a Kubernetes Secret).</summary>
    public const int MaxValueBytes = EnvelopeFormat.MaxValueBytes;

    /// <summary>The envelope version (always 1 for a parsed value).</summary>
    public int Version => _envelope[EnvelopeFormat.VersionOffset];

    /// <summary>The scope mode the value claims to be sealed with.</summary>
    public SealingScopeMode ScopeMode { get; }

    /// <summary>The id of the key that sealed the value, e.g. <c>k-3f2a9c1e</c>.</summary>
    public string KeyId { get; }

    /// <summary>Length of the sealed plaintext in bytes (GCM does not hide it).</summary>
    public int ValueLength => _envelope.Length - HeaderLength - EnvelopeFormat.TagLength;

    internal int HeaderLength => EnvelopeFormat.HeaderLength(_wrappedKeyLength);

    internal ReadOnlySpan<byte> Header => _envelope.AsSpan(0, HeaderLength);

    internal ReadOnlySpan<byte> WrappedKey => _envelope.AsSpan(EnvelopeFormat.FixedHeaderLength, _wrappedKeyLength);

    internal ReadOnlySpan<byte> Nonce => _envelope.AsSpan(EnvelopeFormat.FixedHeaderLength + _wrappedKeyLength, EnvelopeFormat.NonceLength);

    internal ReadOnlySpan<byte> Ciphertext => _envelope.AsSpan(HeaderLength, ValueLength);

    internal ReadOnlySpan<byte> Tag => _envelope.AsSpan(_envelope.Length - EnvelopeFormat.TagLength);

    private ReadOnlySpan<byte> Fingerprint => _envelope.AsSpan(EnvelopeFormat.FingerprintOffset, EnvelopeFormat.FingerprintLength);

    /// <summary>Parses the text form strictly: prefix, canonical unpadded base64url, and a consistent layout.</summary>
    /// <exception cref="SealingException"><see cref="SealingFailure.Malformed"/> or <see cref="SealingFailure.UnsupportedVersion"/>.</exception>
    public static SealedValue Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw Malformed("sealed value is empty");
        }

        if (text.Length > EnvelopeFormat.MaxTextLength)
        {
            throw Malformed($"sealed value is {text.Length} characters long, more than a {MaxValueBytes}-byte value can produce");
        }

        RequirePrefix(text);
        var envelope = DecodeBody(text.AsSpan(Prefix.Length));
        if (envelope.Length < EnvelopeFormat.FixedHeaderLength)
        {
            throw Malformed($"sealed value is truncated: {envelope.Length} bytes, shorter than the {EnvelopeFormat.FixedHeaderLength}-byte header");
        }

        if (envelope[EnvelopeFormat.VersionOffset] != EnvelopeFormat.Version)
        {
            throw Malformed($"envelope version byte is {envelope[EnvelopeFormat.VersionOffset]} but the text prefix says {Prefix}");
        }

        var mode = envelope[EnvelopeFormat.ModeOffset];
        if (mode != EnvelopeFormat.ModeByte(SealingScopeMode.Strict) && mode != EnvelopeFormat.ModeByte(SealingScopeMode.Namespace))
        {
            throw Malformed($"envelope scope mode byte is {mode}; only 1 (strict) and 2 (namespace) exist");
        }

        var wrappedKeyLength = EnvelopeFormat.WrappedKeyLength(envelope);
        if (wrappedKeyLength is < EnvelopeFormat.MinWrappedKeyLength or > EnvelopeFormat.MaxWrappedKeyLength)
        {
            throw Malformed($"envelope wrapped-key length is {wrappedKeyLength}; an RSA-2048..8192 key gives {EnvelopeFormat.MinWrappedKeyLength}..{EnvelopeFormat.MaxWrappedKeyLength}");
        }

        var minimum = EnvelopeFormat.HeaderLength(wrappedKeyLength) + EnvelopeFormat.TagLength;
        if (envelope.Length < minimum)
        {
            throw Malformed($"sealed value is truncated: {envelope.Length} bytes, an envelope with a {wrappedKeyLength}-byte wrapped key needs at least {minimum}");
        }

        return new SealedValue(envelope, wrappedKeyLength);
    }

    /// <summary>
    /// Checks the scope hint in the header against the location the value sits at, without any key. A value sealed
    /// namespace-wide fits every location in its namespace.
    /// </summary>
    /// <param name="location">Where the value was found (usually strict: namespace, ModelDeployment, secret name).</param>
    /// <returns>The scope the value is bound to at this location, for <see cref="Unsealer"/>.</returns>
    /// <exception cref="SealingException"><see cref="SealingFailure.WrongScope"/>, or <see cref="SealingFailure.Tampered"/>
    /// when only the scope mode byte was changed.</exception>
    public SealingScope ScopeAt(SealingScope location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var expected = location.As(ScopeMode);
        if (expected is null)
        {
            throw new SealingException(
                SealingFailure.WrongScope,
                $"value was sealed for one secret of one ModelDeployment (strict scope) and cannot open namespace-wide in '{location}'; seal it for the exact <namespace>/<modeldeployment>/<secret>",
                KeyId);
        }

        if (Matches(expected))
        {
            return expected;
        }

        // The digest covers the mode (through the shape of the scope text), so a value whose header fits this
        // location under the other mode had its mode byte flipped: that is tampering, not a moved value.
        var other = location.As(ScopeMode == SealingScopeMode.Strict ? SealingScopeMode.Namespace : SealingScopeMode.Strict);
        if (other is not null && Matches(other))
        {
            throw new SealingException(SealingFailure.Tampered, $"the scope mode byte of the value at '{location}' was altered after sealing", KeyId);
        }

        var sealedFor = ScopeMode == SealingScopeMode.Strict ? "another namespace, ModelDeployment or secret name" : "another namespace";
        throw new SealingException(
            SealingFailure.WrongScope,
            $"value was sealed for {sealedFor}, not for '{expected}'; seal it again with `aiguard seal` for this scope (values cannot be copied between scopes)",
            KeyId);
    }

    private bool Matches(SealingScope scope) =>
        CryptographicOperations.FixedTimeEquals(Fingerprint, EnvelopeFormat.ScopeDigest(scope).AsSpan(0, EnvelopeFormat.FingerprintLength));

    private static void RequirePrefix(string text)
    {
        if (text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        if (text.Length > EnvelopeFormat.TextMagic.Length && text.StartsWith(EnvelopeFormat.TextMagic, StringComparison.Ordinal) && char.IsAsciiDigit(text[EnvelopeFormat.TextMagic.Length]))
        {
            throw new SealingException(
                SealingFailure.UnsupportedVersion,
                $"sealed value uses envelope version {text[EnvelopeFormat.TextMagic.Length]}; this aiguard reads version 1 ({Prefix}...): upgrade aiguard");
        }

        throw Malformed($"sealed value does not start with {Prefix}: it was not produced by `aiguard seal`");
    }

    private static byte[] DecodeBody(ReadOnlySpan<char> body)
    {
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                // Only the position is reported: the character itself may be part of pasted secret material.
                throw Malformed($"sealed value has a character outside unpadded base64url (A-Z a-z 0-9 - _) at position {Prefix.Length + i}");
            }
        }

        if (body.Length % 4 == 1)
        {
            throw Malformed("sealed value has an impossible base64url length: it was truncated or extended");
        }

        try
        {
            // The decoder also rejects stray bits in the last character, so one envelope has exactly one text.
            return Base64Url.DecodeFromChars(body);
        }
        catch (FormatException)
        {
            throw Malformed("sealed value is not canonical base64url: it was truncated or its last character was altered");
        }
    }

    private static SealingException Malformed(string message) => new(SealingFailure.Malformed, message);
}
