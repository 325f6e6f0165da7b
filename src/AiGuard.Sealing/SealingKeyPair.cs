using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiGuard.Sealing;

/// <summary>
/// SealingKeyPair is one RSA-4096 sealing key with its self-signed certificate: the certificate is published for
/// sealers, the private key stays in the cluster (a <c>kubernetes.io/tls</c> Secret: tls.crt and tls.key as PEM).
/// Its id, <c>k-</c> and 8 hex digits of SHA-256 over the SubjectPublicKeyInfo DER, is written into every envelope.
/// </summary>
public sealed class SealingKeyPair : IDisposable
{
    /// <summary>Size of generated keys. 4096 bits keeps a margin past 2030 (NIST SP 800-57 asks for 3072).</summary>
    public const int GeneratedKeySizeInBits = 4096;

    /// <summary>Smallest RSA key accepted on import.</summary>
    public const int MinimumKeySizeInBits = 2048;

    /// <summary>Largest RSA key accepted on import (the envelope's wrapped-key field holds up to 1024 bytes).</summary>
    public const int MaximumKeySizeInBits = 8192;

    private readonly RSA _privateKey;
    private readonly Lock _gate = new();

    private SealingKeyPair(X509Certificate2 certificate, RSA privateKey, byte[] keyIdBytes)
    {
        Certificate = certificate;
        _privateKey = privateKey;
        KeyIdBytes = keyIdBytes;
        KeyId = EnvelopeFormat.KeyIdText(keyIdBytes);
        (NotBefore, NotAfter) = SealingCertificate.Validity(certificate);
    }

    /// <summary>The key id, e.g. <c>k-3f2a9c1e</c>.</summary>
    public string KeyId { get; }

    /// <summary>The certificate without its private key: what sealers receive.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Start of the certificate's validity; also the key's age for rotation.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>End of the certificate's validity for sealing (unsealing ignores it).</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>Size of the RSA modulus in bytes: the length of a wrapped key.</summary>
    internal int ModulusBytes => (_privateKey.KeySize + 7) / 8;

    internal byte[] KeyIdBytes { get; }

    /// <summary>Generates a new RSA-4096 key and a self-signed certificate valid from the clock's now.</summary>
    /// <param name="options">Subject and validity; defaults when null.</param>
    /// <param name="clock">Source of now (default <see cref="TimeProvider.System"/>).</param>
    public static SealingKeyPair Create(SealingKeyOptions? options = null, TimeProvider? clock = null)
    {
        options ??= new SealingKeyOptions();
        if (options.Validity <= TimeSpan.Zero || options.ClockSkewAllowance < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Validity must be positive and ClockSkewAllowance not negative");
        }

        if (string.IsNullOrWhiteSpace(options.CommonName))
        {
            throw new ArgumentException("CommonName must not be empty", nameof(options));
        }

        // X.509 times have whole seconds; truncating here keeps NotBefore/NotAfter equal to what a reader parses.
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

        var rsa = RSA.Create(GeneratedKeySizeInBits);
        try
        {
            var subject = new X500DistinguishedNameBuilder();
            subject.AddCommonName(options.CommonName);
            var request = new CertificateRequest(subject.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7F; // a positive DER INTEGER
            var signer = X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1);
            using var issued = request.Create(subject.Build(), signer, now - options.ClockSkewAllowance, now + options.Validity, serial);
            var certificate = X509CertificateLoader.LoadCertificate(issued.RawData);
            return new SealingKeyPair(certificate, rsa, SealingCertificate.KeyIdBytes(certificate));
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Loads a key pair from PEM: the certificate (tls.crt) and the private key (tls.key, PKCS#8 or PKCS#1).</summary>
    /// <exception cref="SealingException"><see cref="SealingFailure.InvalidKey"/> when either is unusable or they do not match.</exception>
    public static SealingKeyPair FromPem(string certificatePem, string privateKeyPem)
    {
        var certificate = SealingCertificate.Load(certificatePem);
        var rsa = RSA.Create();
        try
        {
            try
            {
                rsa.ImportFromPem(privateKeyPem);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new SealingException(SealingFailure.InvalidKey, "private key PEM holds no readable RSA private key (expected PKCS#8 'PRIVATE KEY' or PKCS#1 'RSA PRIVATE KEY')", null, e);
            }

            var keyIdBytes = SealingCertificate.KeyIdBytes(certificate);
            if (!SealingCertificate.HoldsPublicKeyOf(certificate, rsa))
            {
                throw new SealingException(
                    SealingFailure.InvalidKey,
                    $"private key does not belong to the certificate ({EnvelopeFormat.KeyIdText(keyIdBytes)}); tls.crt and tls.key must come from the same key pair");
            }

            return new SealingKeyPair(certificate, rsa, keyIdBytes);
        }
        catch
        {
            rsa.Dispose();
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>The certificate as PEM (<c>tls.crt</c>); public, safe to commit.</summary>
    public string ExportCertificatePem() => Certificate.ExportCertificatePem();

    /// <summary>The private key as PKCS#8 PEM (<c>tls.key</c>). Secret: store it only in a Kubernetes Secret.</summary>
    public string ExportPrivateKeyPem()
    {
        lock (_gate)
        {
            return _privateKey.ExportPkcs8PrivateKeyPem();
        }
    }

    /// <summary>Unwraps an RSA-OAEP-SHA256 wrapped key; the caller zeroes the result.</summary>
    internal byte[] Unwrap(ReadOnlySpan<byte> wrapped)
    {
        // RSA instances are not documented as thread-safe; operator workers unseal in parallel.
        lock (_gate)
        {
            return _privateKey.Decrypt(wrapped, EnvelopeFormat.WrapPadding);
        }
    }

    internal bool SamePublicKey(SealingKeyPair other) =>
        Certificate.PublicKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(other.Certificate.PublicKey.EncodedKeyValue.RawData);

    /// <inheritdoc />
    public void Dispose()
    {
        _privateKey.Dispose();
        Certificate.Dispose();
    }
}
