using System.Security.Cryptography;
using System.Text;
using AiGuard.Sealing;
using k8s.Models;

namespace AiGuard.Operator.Sealing;

/// <summary>
/// SealingKeySecrets maps sealing keys to and from their <c>kubernetes.io/tls</c> Secrets and builds the
/// certificate ConfigMap. Nothing here logs; callers report problems by Secret name only.
/// </summary>
internal static class SealingKeySecrets
{
    public const string TlsSecretType = "kubernetes.io/tls";
    public const string CertificateDataKey = "tls.crt";
    public const string PrivateKeyDataKey = "tls.key";

    public static V1Secret ToSecret(SealingKeyPair key, string @namespace) => new()
    {
        ApiVersion = "v1",
        Kind = V1Secret.KubeKind,
        Metadata = new V1ObjectMeta
        {
            Name = SealingKeyStore.SecretNamePrefix + key.KeyId,
            NamespaceProperty = @namespace,
            Labels = new Dictionary<string, string> { [SealingKeyStore.KeyLabel] = "true" },
        },
        Type = TlsSecretType,
        Data = new Dictionary<string, byte[]>
        {
            [CertificateDataKey] = Encoding.UTF8.GetBytes(key.ExportCertificatePem()),
            [PrivateKeyDataKey] = Encoding.UTF8.GetBytes(key.ExportPrivateKeyPem()),
        },
    };

    /// <summary>Reads a key from its Secret and wipes the Secret's private key bytes.</summary>
    /// <param name="problem">Why the Secret holds no usable key (free of key material).</param>
    public static SealingKeyPair? FromSecret(V1Secret secret, out string? problem)
    {
        problem = null;
        if (secret.Type != TlsSecretType)
        {
            problem = $"has type '{secret.Type}', expected {TlsSecretType}";
            return null;
        }

        if (secret.Data is null
            || !secret.Data.TryGetValue(CertificateDataKey, out var certificate) || certificate is null
            || !secret.Data.TryGetValue(PrivateKeyDataKey, out var privateKey) || privateKey is null)
        {
            problem = $"lacks {CertificateDataKey} or {PrivateKeyDataKey}";
            return null;
        }

        try
        {
            return SealingKeyPair.FromPem(Encoding.UTF8.GetString(certificate), Encoding.UTF8.GetString(privateKey));
        }
        catch (SealingException e)
        {
            problem = e.Message;
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    public static V1ConfigMap CertificateConfigMap(string @namespace, string certificatePem) => new()
    {
        ApiVersion = "v1",
        Kind = V1ConfigMap.KubeKind,
        Metadata = new V1ObjectMeta { Name = SealingKeyStore.CertificateConfigMapName, NamespaceProperty = @namespace },
        Data = CertificateConfigMapData(certificatePem),
    };

    /// <summary>
    /// The entries of the certificate ConfigMap: the PEM, and its key id and fingerprint so that whoever seals can
    /// compare them with what <c>aiguard seal</c> prints or pin them with <c>--key-id</c>.
    /// </summary>
    public static Dictionary<string, string> CertificateConfigMapData(string certificatePem)
    {
        var fingerprint = SealingKeyFingerprint.OfPem(certificatePem);
        return new Dictionary<string, string>
        {
            [SealingKeyStore.CertificateConfigMapKey] = certificatePem,
            [SealingKeyStore.CertificateConfigMapKeyIdKey] = SealingKeyFingerprint.KeyIdOf(fingerprint),
            [SealingKeyStore.CertificateConfigMapFingerprintKey] = fingerprint,
        };
    }
}
