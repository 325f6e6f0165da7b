using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AiGuard.Sealing.Tests;

/// <summary>
/// Envelope reads and rewrites the text form the way docs/sealing.md specifies it, independently of the library,
/// so tests can alter one region at a time and check the documented layout.
/// </summary>
internal static class Envelope
{
    public const string Prefix = "AGS1";
    public const int WrappedKeyLength = 512; // RSA-4096

    public static readonly (string Name, int Offset, int Length)[] FixedRegions =
    [
        ("version", 0, 1),
        ("scope mode", 1, 1),
        ("key id", 2, 4),
        ("scope fingerprint", 6, 8),
        ("wrapped key length", 14, 2),
        ("wrapped key", 16, WrappedKeyLength),
        ("nonce", 16 + WrappedKeyLength, 12),
    ];

    public const int CiphertextOffset = 16 + WrappedKeyLength + 12;

    public static byte[] Decode(string text)
    {
        Assert.StartsWith(Prefix, text, StringComparison.Ordinal);
        return Base64Url.DecodeFromChars(text.AsSpan(Prefix.Length));
    }

    public static string Encode(byte[] envelope) => Prefix + Base64Url.EncodeToString(envelope);

    public static string Alter(string text, Action<byte[]> change)
    {
        var envelope = Decode(text);
        change(envelope);
        return Encode(envelope);
    }

    /// <summary>The documented scope digest: SHA-256 of "aiguard.io/sealing/v1 scope\n" and the scope text.</summary>
    public static byte[] ScopeDigest(string scopeText) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("aiguard.io/sealing/v1 scope\n" + scopeText));
}
