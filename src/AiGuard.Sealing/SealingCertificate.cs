using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiGuard.Sealing;

/// <summary>SealingCertificate reads and checks sealing certificates the same way for sealers and key pairs.</summary>
internal static class SealingCertificate
{
    /// <summary>Loads a PEM certificate and checks it carries a usable RSA key.</summary>
    public static X509Certificate2 Load(string? certificatePem)
    {
        if (string.IsNullOrWhiteSpace(certificatePem))
        {
            throw new SealingException(SealingFailure.InvalidKey, "certificate PEM is empty: expected a '-----BEGIN CERTIFICATE-----' block (tls.crt)");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new SealingException(SealingFailure.InvalidKey, "certificate PEM holds no readable X.509 certificate: expected a '-----BEGIN CERTIFICATE-----' block (tls.crt)", null, e);
        }

        try
        {
            Check(certificate);
            return certificate;
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>Checks a certificate carries an RSA key of an accepted size.</summary>
    public static void Check(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPublicKey()
            ?? throw new SealingException(SealingFailure.InvalidKey, $"certificate '{certificate.Subject}' does not hold an RSA public key; sealing needs RSA");
        if (rsa.KeySize is < SealingKeyPair.MinimumKeySizeInBits or > SealingKeyPair.MaximumKeySizeInBits)
        {
            throw new SealingException(
                SealingFailure.InvalidKey,
                $"certificate key is RSA-{rsa.KeySize}; sealing accepts RSA-{SealingKeyPair.MinimumKeySizeInBits} to RSA-{SealingKeyPair.MaximumKeySizeInBits} (generated keys are RSA-{SealingKeyPair.GeneratedKeySizeInBits})",
                EnvelopeFormat.KeyIdText(KeyIdBytes(certificate)));
        }
    }

    /// <summary>The key id bytes: SHA-256 over the certificate's SubjectPublicKeyInfo DER, as the certificate encodes it.</summary>
    public static byte[] KeyIdBytes(X509Certificate2 certificate) =>
        EnvelopeFormat.KeyIdBytes(certificate.PublicKey.ExportSubjectPublicKeyInfo());

    /// <summary>True when the private key's public half is the certificate's key (modulus and exponent).</summary>
    public static bool HoldsPublicKeyOf(X509Certificate2 certificate, RSA privateKey)
    {
        using var certificateKey = certificate.GetRSAPublicKey();
        if (certificateKey is null)
        {
            return false;
        }

        var expected = certificateKey.ExportParameters(false);
        var actual = privateKey.ExportParameters(false);
        return expected.Modulus.AsSpan().SequenceEqual(actual.Modulus) && expected.Exponent.AsSpan().SequenceEqual(actual.Exponent);
    }

    /// <summary>Start and end of validity in UTC (X509Certificate2 reports local times).</summary>
    public static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Validity(X509Certificate2 certificate) =>
        (new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
}
