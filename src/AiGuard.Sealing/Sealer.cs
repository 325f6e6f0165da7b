using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiGuard.Sealing;

/// <summary>
/// Sealer encrypts values for one scope with the public certificate only: a fresh AES-256 key and nonce per value,
/// the key wrapped with RSA-OAEP-SHA256 together with the scope digest, the value sealed with AES-256-GCM whose
/// associated data is the whole header and the scope text. Anyone may seal; only the cluster can unseal.
/// </summary>
public sealed class Sealer : IDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly RSA _publicKey;
    private readonly byte[] _keyIdBytes;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    /// <summary>Creates a sealer for a sealing certificate (only its public key is used).</summary>
    /// <param name="certificate">The sealing certificate; trusted by how it was obtained, not by its self-signature.</param>
    /// <param name="clock">Source of now for the validity check (default <see cref="TimeProvider.System"/>).</param>
    /// <exception cref="SealingException"><see cref="SealingFailure.InvalidKey"/> when the certificate has no usable RSA key.</exception>
    public Sealer(X509Certificate2 certificate, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        SealingCertificate.Check(certificate);
        _certificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        _publicKey = _certificate.GetRSAPublicKey()!;
        _keyIdBytes = SealingCertificate.KeyIdBytes(_certificate);
        _clock = clock ?? TimeProvider.System;
        KeyId = EnvelopeFormat.KeyIdText(_keyIdBytes);
        (NotBefore, NotAfter) = SealingCertificate.Validity(_certificate);
    }

    /// <summary>The id of the key values are sealed with, e.g. <c>k-3f2a9c1e</c>.</summary>
    public string KeyId { get; }

    /// <summary>Start of the certificate's validity.</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>End of the certificate's validity; sealing is refused afterwards.</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>Creates a sealer from a PEM certificate (e.g. tls.crt or the output of <c>aiguard seal --fetch-cert</c>).</summary>
    /// <exception cref="SealingException"><see cref="SealingFailure.InvalidKey"/> when the PEM is unusable.</exception>
    public static Sealer FromCertificatePem(string certificatePem, TimeProvider? clock = null)
    {
        using var certificate = SealingCertificate.Load(certificatePem);
        return new Sealer(certificate, clock);
    }

    /// <summary>Seals a value for a scope and returns the text form (<c>AGS1</c> + base64url).</summary>
    /// <exception cref="SealingException"><see cref="SealingFailure.ExpiredCertificate"/>,
    /// <see cref="SealingFailure.CertificateNotYetValid"/> or <see cref="SealingFailure.ValueTooLarge"/>.</exception>
    public string Seal(ReadOnlySpan<byte> value, SealingScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (value.Length > EnvelopeFormat.MaxValueBytes)
        {
            throw new SealingException(
                SealingFailure.ValueTooLarge,
                $"value is {value.Length} bytes; a Kubernetes Secret holds at most {EnvelopeFormat.MaxValueBytes} bytes",
                KeyId);
        }

        RequireCurrent();

        var wrappedLength = (_publicKey.KeySize + 7) / 8;
        var headerLength = EnvelopeFormat.HeaderLength(wrappedLength);
        var envelope = new byte[headerLength + value.Length + EnvelopeFormat.TagLength];
        envelope[EnvelopeFormat.VersionOffset] = EnvelopeFormat.Version;
        envelope[EnvelopeFormat.ModeOffset] = EnvelopeFormat.ModeByte(scope.Mode);
        _keyIdBytes.CopyTo(envelope.AsSpan(EnvelopeFormat.KeyIdOffset));
        var digest = EnvelopeFormat.ScopeDigest(scope);
        digest.AsSpan(0, EnvelopeFormat.FingerprintLength).CopyTo(envelope.AsSpan(EnvelopeFormat.FingerprintOffset));
        EnvelopeFormat.WriteWrappedKeyLength(envelope, wrappedLength);

        // The wrapped payload is the AES key followed by the full scope digest: .NET offers no OAEP label, and
        // this binds the scope into the RSA layer just as a label would (see docs/sealing.md).
        Span<byte> payload = stackalloc byte[EnvelopeFormat.WrappedPayloadLength];
        try
        {
            var aesKey = payload[..EnvelopeFormat.AesKeyLength];
            RandomNumberGenerator.Fill(aesKey);
            digest.CopyTo(payload[EnvelopeFormat.AesKeyLength..]);
            Wrap(payload, envelope.AsSpan(EnvelopeFormat.FixedHeaderLength, wrappedLength));

            var nonce = envelope.AsSpan(EnvelopeFormat.FixedHeaderLength + wrappedLength, EnvelopeFormat.NonceLength);
            RandomNumberGenerator.Fill(nonce);
            var aad = EnvelopeFormat.AssociatedData(envelope.AsSpan(0, headerLength), scope);
            using var aes = new AesGcm(aesKey, EnvelopeFormat.TagLength);
            aes.Encrypt(
                nonce,
                value,
                envelope.AsSpan(headerLength, value.Length),
                envelope.AsSpan(headerLength + value.Length),
                aad);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }

        return EnvelopeFormat.TextPrefix + Base64Url.EncodeToString(envelope);
    }

    private void RequireCurrent()
    {
        var now = _clock.GetUtcNow();
        if (now < NotBefore)
        {
            throw new SealingException(
                SealingFailure.CertificateNotYetValid,
                $"sealing certificate {KeyId} is valid only from {Rfc3339(NotBefore)} (now {Rfc3339(now)}); check this machine's clock",
                KeyId);
        }

        if (now > NotAfter)
        {
            throw new SealingException(
                SealingFailure.ExpiredCertificate,
                $"sealing certificate {KeyId} expired at {Rfc3339(NotAfter)}; fetch the cluster's current certificate and seal again",
                KeyId);
        }
    }

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void Wrap(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        lock (_gate)
        {
            if (!_publicKey.TryEncrypt(payload, destination, EnvelopeFormat.WrapPadding, out var written) || written != destination.Length)
            {
                throw new CryptographicException("RSA-OAEP wrapping produced an unexpected length");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _publicKey.Dispose();
        _certificate.Dispose();
    }
}
