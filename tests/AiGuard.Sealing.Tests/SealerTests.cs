using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;

namespace AiGuard.Sealing.Tests;

[Collection(SealingKeysCollection.Name)]
public sealed class SealerTests(SealingKeys keys)
{
    private static readonly SealingScope Location = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");

    [Fact]
    public void Refuses_to_seal_with_an_expired_certificate()
    {
        using var current = keys.Current();
        var clock = new FakeTimeProvider(current.NotAfter + TimeSpan.FromSeconds(1));
        using var sealer = new Sealer(current.Certificate, clock);

        var error = Assert.Throws<SealingException>(() => sealer.Seal("v"u8, Location));

        Assert.Equal(SealingFailure.ExpiredCertificate, error.Reason);
        Assert.Equal(current.KeyId, error.KeyId);
        Assert.Contains("expired at", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seals_until_the_last_second_of_validity()
    {
        using var current = keys.Current();
        var clock = new FakeTimeProvider(current.NotAfter);
        using var sealer = new Sealer(current.Certificate, clock);

        Assert.StartsWith("AGS1", sealer.Seal("v"u8, Location), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_to_seal_with_a_certificate_that_is_not_yet_valid()
    {
        using var current = keys.Current();
        using var sealer = new Sealer(current.Certificate, new FakeTimeProvider(current.NotBefore - TimeSpan.FromSeconds(1)));

        var error = Assert.Throws<SealingException>(() => sealer.Seal("v"u8, Location));

        Assert.Equal(SealingFailure.CertificateNotYetValid, error.Reason);
        Assert.Contains("clock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_certificate_pem_that_is_not_a_certificate()
    {
        foreach (var pem in new[] { "", "hello", keys.CurrentPem.PrivateKey, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" })
        {
            var error = Assert.Throws<SealingException>(() => Sealer.FromCertificatePem(pem));
            Assert.Equal(SealingFailure.InvalidKey, error.Reason);
            Assert.DoesNotContain("PRIVATE KEY-----", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refuses_certificates_without_a_strong_rsa_key()
    {
        using var weak = RSA.Create(1024);
        using var weakCertificate = new CertificateRequest("CN=weak", weak, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(SealingKeys.Now.AddDays(-1), SealingKeys.Now.AddDays(1));
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ecCertificate = new CertificateRequest("CN=ec", ec, HashAlgorithmName.SHA256)
            .CreateSelfSigned(SealingKeys.Now.AddDays(-1), SealingKeys.Now.AddDays(1));

        var weakError = Assert.Throws<SealingException>(() => new Sealer(weakCertificate));
        var ecError = Assert.Throws<SealingException>(() => new Sealer(ecCertificate));

        Assert.Equal(SealingFailure.InvalidKey, weakError.Reason);
        Assert.Contains("RSA-1024", weakError.Message, StringComparison.Ordinal);
        Assert.Equal(SealingFailure.InvalidKey, ecError.Reason);
        Assert.Contains("RSA", ecError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_the_key_id_and_validity_of_its_certificate()
    {
        using var current = keys.Current();

        Assert.Equal(current.KeyId, keys.Sealer.KeyId);
        Assert.Equal(current.NotBefore, keys.Sealer.NotBefore);
        Assert.Equal(current.NotAfter, keys.Sealer.NotAfter);
    }
}
