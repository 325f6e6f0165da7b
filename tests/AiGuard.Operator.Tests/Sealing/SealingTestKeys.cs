using AiGuard.Sealing;

namespace AiGuard.Operator.Tests.Sealing;

/// <summary>
/// SealingTestKeys generates the RSA-4096 keys the sealing tests share once per test run (each takes a second
/// or more). Tests must not dispose them; a ring that would dispose them is built from copies.
/// </summary>
public sealed class SealingTestKeys : IDisposable
{
    public SealingKeyPair Cluster { get; } = SealingKeyPair.Create();

    public SealingKeyPair Other { get; } = SealingKeyPair.Create();

    /// <summary>A ring owning a fresh copy of <paramref name="keys"/>, safe to dispose.</summary>
    public static KeyRing RingOf(params SealingKeyPair[] keys) =>
        new(keys.Select(k => SealingKeyPair.FromPem(k.ExportCertificatePem(), k.ExportPrivateKeyPem())));

    public static string Seal(SealingKeyPair key, string value, SealingScope scope)
    {
        using var sealer = new Sealer(key.Certificate);
        return sealer.Seal(System.Text.Encoding.UTF8.GetBytes(value), scope);
    }

    public void Dispose()
    {
        Cluster.Dispose();
        Other.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SealingKeysCollection : ICollectionFixture<SealingTestKeys>
{
    public const string Name = "sealing keys";
}
