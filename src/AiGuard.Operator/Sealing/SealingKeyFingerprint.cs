using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiGuard.Operator.Sealing;

/// <summary>
/// SealingKeyFingerprint names a sealing key so that a sealer can pin it (<c>aiguard seal --key-id</c>): the full
/// SHA-256 of the certificate's SubjectPublicKeyInfo DER as <c>sha256:&lt;64 hex&gt;</c>. The key id
/// (<c>k-3f2a9c1e</c>) is its first 8 hex digits. Only the full fingerprint authenticates a certificate: 32 bits can
/// be matched by brute force (an attacker can vary the RSA public exponent of one key cheaply), so the short id
/// only catches a stale or mistaken certificate.
/// </summary>
public static class SealingKeyFingerprint
{
    /// <summary>The prefix of a full fingerprint.</summary>
    public const string Prefix = "sha256:";

    /// <summary>The response header of <c>/v1/cert.pem</c> carrying the key id.</summary>
    public const string KeyIdHeader = "X-AiGuard-Key-Id";

    /// <summary>The response header of <c>/v1/cert.pem</c> carrying the full fingerprint.</summary>
    public const string FingerprintHeader = "X-AiGuard-Key-Fingerprint";

    /// <summary>The fingerprint of <paramref name="certificate"/>'s public key.</summary>
    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>The fingerprint of the certificate in <paramref name="certificatePem"/>; throws <see cref="CryptographicException"/> or <see cref="ArgumentException"/> when it holds none.</summary>
    public static string OfPem(string certificatePem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        return Of(certificate);
    }

    /// <summary>The key id (<c>k-</c> + 8 hex digits) a fingerprint starts with, as the sealing library computes it.</summary>
    public static string KeyIdOf(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return string.Concat("k-", fingerprint.AsSpan(Prefix.Length, 8));
    }
}
