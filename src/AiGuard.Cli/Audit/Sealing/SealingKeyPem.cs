using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AiGuard.Sealing;

namespace AiGuard.Cli.Audit.Sealing;

/// <summary>
/// SealingKeyPem reads sealing key pairs from PEM text: private keys (PKCS#8 or PKCS#1), each paired with the
/// certificate in the same text that holds its public key. A private key without its certificate still works:
/// the key id is a hash of the public key, so a throw-away self-signed certificate over it yields the same id.
/// Messages name blocks by position and never quote the text.
/// </summary>
internal static class SealingKeyPem
{
    private const string CertificateLabel = "CERTIFICATE";
    private static readonly string[] PrivateKeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY"];

    /// <summary>True when <paramref name="text"/> holds at least one PEM block.</summary>
    public static bool HasPem(string text) => PemEncoding.TryFind(Separated(text), out _);

    /// <summary>The key pairs in <paramref name="text"/>; throws <see cref="SealingKeyFileException"/> with a reason.</summary>
    public static IReadOnlyList<SealingKeyPair> Read(string text)
    {
        var certificates = new List<string>();
        var privateKeys = new List<string>();
        var rest = Separated(text).AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var block = rest[fields.Location].ToString();
            if (label == CertificateLabel)
            {
                certificates.Add(block);
            }
            else if (PrivateKeyLabels.Contains(label))
            {
                privateKeys.Add(block);
            }
            else if (label == "ENCRYPTED PRIVATE KEY")
            {
                throw new SealingKeyFileException("the private key is encrypted; decrypt it first (openssl pkey -in FILE -out key.pem)");
            }
            rest = rest[fields.Location.End..];
        }

        if (privateKeys.Count == 0)
        {
            throw new SealingKeyFileException(certificates.Count > 0
                ? "holds a certificate but no private key; --sealing-key needs the private key too (tls.key of the operator's sealing key Secret)"
                : "holds no PEM private key ('-----BEGIN PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----')");
        }

        var pairs = new List<SealingKeyPair>();
        try
        {
            for (var i = 0; i < privateKeys.Count; i++)
            {
                pairs.Add(Pair(privateKeys[i], certificates, Ordinal(i, privateKeys.Count)));
            }
        }
        catch
        {
            pairs.ForEach(p => p.Dispose());
            throw;
        }
        return pairs;
    }

    private static SealingKeyPair Pair(string privateKeyPem, List<string> certificates, string which)
    {
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(privateKeyPem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            throw new SealingKeyFileException($"{which}private key is not a readable RSA private key");
        }

        var modulus = rsa.ExportParameters(false).Modulus;
        var certificatePem = certificates.FirstOrDefault(c => HoldsModulus(c, modulus));
        if (certificatePem is null && certificates.Count > 0)
        {
            throw new SealingKeyFileException($"{which}private key does not belong to any certificate in the file; keep each tls.key with its tls.crt");
        }

        try
        {
            return SealingKeyPair.FromPem(certificatePem ?? StandInCertificate(rsa), privateKeyPem);
        }
        catch (SealingException e)
        {
            throw new SealingKeyFileException($"{which}{e.Message}");
        }
    }

    private static bool HoldsModulus(string certificatePem, byte[]? modulus)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(certificatePem);
            using var key = certificate.GetRSAPublicKey();
            return key is not null && modulus is not null && key.ExportParameters(false).Modulus.AsSpan().SequenceEqual(modulus);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // Unsealing needs only the private key and its id; the certificate's validity and subject play no part.
    private static string StandInCertificate(RSA rsa)
    {
        var request = new CertificateRequest("CN=aiguard-sealing", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return certificate.ExportCertificatePem();
    }

    // `cat cert.pem key.pem` with no newline at the end of cert.pem glues two blocks, which PEM parsing rejects.
    private static string Separated(string text) => text.Replace("----------BEGIN ", "-----\n-----BEGIN ", StringComparison.Ordinal);

    private static string Ordinal(int index, int count) => count == 1 ? "" : $"key {index + 1} of {count}: ";
}
