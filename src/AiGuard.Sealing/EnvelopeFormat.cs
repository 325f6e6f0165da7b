using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AiGuard.Sealing;

/// <summary>
/// EnvelopeFormat holds the byte layout of envelope version 1 (docs/sealing.md specifies it byte by byte) and the
/// scope digest that binds a value to its location. Sealer writes it, SealedValue reads it: one place for both.
/// </summary>
internal static class EnvelopeFormat
{
    public const string TextPrefix = "AGS1";
    public const string TextMagic = "AGS";
    public const byte Version = 1;

    public const int VersionOffset = 0;
    public const int ModeOffset = 1;
    public const int KeyIdOffset = 2;
    public const int KeyIdLength = 4;
    public const int FingerprintOffset = KeyIdOffset + KeyIdLength;        // 6
    public const int FingerprintLength = 8;
    public const int WrappedKeyLengthOffset = FingerprintOffset + FingerprintLength;   // 14
    public const int FixedHeaderLength = WrappedKeyLengthOffset + 2;       // 16

    // RSA-2048 .. RSA-8192: the only moduli SealingKeyPair accepts.
    public const int MinWrappedKeyLength = 256;
    public const int MaxWrappedKeyLength = 1024;

    public const int NonceLength = 12;
    public const int TagLength = 16;
    public const int AesKeyLength = 32;
    public const int ScopeDigestLength = 32;
    public const int WrappedPayloadLength = AesKeyLength + ScopeDigestLength;   // 64

    /// <summary>A Kubernetes Secret holds at most 1 MiB in total, so no single value can be larger.</summary>
    public const int MaxValueBytes = 1024 * 1024;

    public static readonly RSAEncryptionPadding WrapPadding = RSAEncryptionPadding.OaepSHA256;

    private const string ScopeDigestDomain = "aiguard.io/sealing/v1 scope\n";

    /// <summary>Longest text that can hold a maximal envelope; anything longer is refused before decoding.</summary>
    public static int MaxTextLength { get; } =
        TextPrefix.Length + Base64UrlLength(FixedHeaderLength + MaxWrappedKeyLength + NonceLength + MaxValueBytes + TagLength);

    public static byte ModeByte(SealingScopeMode mode) => (byte)mode;

    /// <summary>SHA-256 over a domain-separation line and the canonical scope text; it is public, not secret.</summary>
    public static byte[] ScopeDigest(SealingScope scope) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(ScopeDigestDomain + scope));

    /// <summary>The GCM associated data: every header byte (up to the ciphertext) followed by the scope text.</summary>
    public static byte[] AssociatedData(ReadOnlySpan<byte> header, SealingScope scope)
    {
        var scopeText = Encoding.UTF8.GetBytes(scope.ToString());
        var aad = new byte[header.Length + scopeText.Length];
        header.CopyTo(aad);
        scopeText.CopyTo(aad.AsSpan(header.Length));
        return aad;
    }

    /// <summary>The 4 key-id bytes: the first bytes of SHA-256 over the SubjectPublicKeyInfo DER.</summary>
    public static byte[] KeyIdBytes(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        SHA256.HashData(subjectPublicKeyInfo)[..KeyIdLength];

    /// <summary>The text form of a key id: <c>k-</c> and 8 lowercase hex digits.</summary>
    public static string KeyIdText(ReadOnlySpan<byte> keyIdBytes) => "k-" + Convert.ToHexStringLower(keyIdBytes);

    public static int WrappedKeyLength(ReadOnlySpan<byte> envelope) =>
        BinaryPrimitives.ReadUInt16BigEndian(envelope[WrappedKeyLengthOffset..]);

    public static void WriteWrappedKeyLength(Span<byte> envelope, int length) =>
        BinaryPrimitives.WriteUInt16BigEndian(envelope[WrappedKeyLengthOffset..], checked((ushort)length));

    public static int HeaderLength(int wrappedKeyLength) => FixedHeaderLength + wrappedKeyLength + NonceLength;

    private static int Base64UrlLength(int bytes) => (bytes * 4 + 2) / 3;
}
