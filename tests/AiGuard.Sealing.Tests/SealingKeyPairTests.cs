using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace AiGuard.Sealing.Tests;

[Collection(SealingKeysCollection.Name)]
public sealed class SealingKeyPairTests(SealingKeys keys)
{
    private static readonly SealingScope Location = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");

    [Fact]
    public void Key_id_is_k_and_8_hex_digits_of_sha256_over_the_subject_public_key_info()
    {
        using var current = keys.Current();
        var spki = current.Certificate.PublicKey.ExportSubjectPublicKeyInfo();

        Assert.Matches("^k-[0-9a-f]{8}$", current.KeyId);
        Assert.Equal("k-" + Convert.ToHexStringLower(SHA256.HashData(spki))[..8], current.KeyId);
    }

    [Fact]
    public void Generated_certificate_is_self_signed_rsa_4096_for_aiguard_sealing_valid_two_years()
    {
        using var current = keys.Current();
        var created = SealingKeys.Now.AddDays(-1);
        using var publicKey = current.Certificate.GetRSAPublicKey();

        Assert.Equal("CN=aiguard-sealing", current.Certificate.Subject);
        Assert.Equal(current.Certificate.Subject, current.Certificate.Issuer);
        Assert.Equal(4096, publicKey!.KeySize);
        Assert.False(current.Certificate.HasPrivateKey);
        Assert.Equal(created - TimeSpan.FromMinutes(5), current.NotBefore);
        Assert.Equal(created + TimeSpan.FromDays(730), current.NotAfter);
        var usage = current.Certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyEncipherment));
        Assert.False(current.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void Exports_tls_secret_pem_and_imports_it_back_to_the_same_key()
    {
        var (certificatePem, privateKeyPem) = keys.CurrentPem;

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", certificatePem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", privateKeyPem, StringComparison.Ordinal);
        using var imported = SealingKeyPair.FromPem(certificatePem, privateKeyPem);
        Assert.Equal(keys.Sealer.KeyId, imported.KeyId);
        Assert.Equal(certificatePem, imported.ExportCertificatePem());
        Assert.Equal(privateKeyPem, imported.ExportPrivateKeyPem());

        using var ring = new KeyRing([SealingKeyPair.FromPem(imported.ExportCertificatePem(), imported.ExportPrivateKeyPem())]);
        var opened = new Unsealer(ring).Unseal(keys.Sealer.Seal("round-trip"u8, Location), Location);
        Assert.Equal("round-trip", Encoding.UTF8.GetString(opened));
    }

    [Fact]
    public void Imports_pkcs1_private_keys_too()
    {
        using var current = keys.Current();
        using var rsa = RSA.Create();
        rsa.ImportFromPem(keys.CurrentPem.PrivateKey);

        using var imported = SealingKeyPair.FromPem(keys.CurrentPem.Certificate, rsa.ExportRSAPrivateKeyPem());

        Assert.Equal(current.KeyId, imported.KeyId);
    }

    [Fact]
    public void Refuses_a_private_key_of_another_certificate_without_echoing_key_material()
    {
        var error = Assert.Throws<SealingException>(() => SealingKeyPair.FromPem(keys.CurrentPem.Certificate, keys.OlderPem.PrivateKey));

        Assert.Equal(SealingFailure.InvalidKey, error.Reason);
        Assert.Contains("does not belong to the certificate", error.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(error);
    }

    [Theory]
    [InlineData("certificate")]
    [InlineData("private key")]
    public void Refuses_unreadable_pem_naming_which_part(string broken)
    {
        var certificatePem = broken == "certificate" ? "not a certificate" : keys.CurrentPem.Certificate;
        var privateKeyPem = broken == "private key" ? keys.CurrentPem.Certificate : keys.CurrentPem.PrivateKey;

        var error = Assert.Throws<SealingException>(() => SealingKeyPair.FromPem(certificatePem, privateKeyPem));

        Assert.Equal(SealingFailure.InvalidKey, error.Reason);
        Assert.StartsWith(broken, error.Message, StringComparison.Ordinal);
        AssertNoKeyMaterial(error);
    }

    [Fact]
    public void Honours_subject_and_validity_options_and_the_clock()
    {
        // RSA-4096 generation is slow; this is the only test that generates a key outside the shared fixture.
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));
        using var key = SealingKeyPair.Create(new SealingKeyOptions { CommonName = "acme, sealing", Validity = TimeSpan.FromDays(90), ClockSkewAllowance = TimeSpan.Zero }, clock);

        Assert.Equal(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero), key.NotBefore);
        Assert.Equal(key.NotBefore + TimeSpan.FromDays(90), key.NotAfter);
        Assert.Equal("CN=\"acme, sealing\"", key.Certificate.Subject);
    }

    [Fact]
    public void Refuses_non_positive_validity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SealingKeyPair.Create(new SealingKeyOptions { Validity = TimeSpan.Zero }));
    }

    private void AssertNoKeyMaterial(SealingException error)
    {
        var text = error.ToString();
        foreach (var pem in new[] { keys.CurrentPem.PrivateKey, keys.OlderPem.PrivateKey })
        {
            // Any 40-character run of a key's base64 body would be key material.
            var body = string.Concat(pem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal)));
            for (var i = 0; i + 40 <= body.Length; i += 40)
            {
                Assert.DoesNotContain(body.Substring(i, 40), text, StringComparison.Ordinal);
            }
        }
    }
}
