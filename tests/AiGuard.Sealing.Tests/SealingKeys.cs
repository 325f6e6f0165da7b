using Microsoft.Extensions.Time.Testing;

namespace AiGuard.Sealing.Tests;

/// <summary>
/// SealingKeys generates the two RSA-4096 keys the whole test assembly shares (generation takes seconds):
/// an older key made 40 days before <see cref="Now"/> and the current key made a day before it.
/// Tests that build their own rings import fresh copies from PEM, so no test disposes a shared key.
/// </summary>
public sealed class SealingKeys : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public SealingKeys()
    {
        using var older = SealingKeyPair.Create(clock: new FakeTimeProvider(Now.AddDays(-40)));
        using var current = SealingKeyPair.Create(clock: new FakeTimeProvider(Now.AddDays(-1)));
        OlderPem = (older.ExportCertificatePem(), older.ExportPrivateKeyPem());
        CurrentPem = (current.ExportCertificatePem(), current.ExportPrivateKeyPem());
        Ring = new KeyRing([Older(), Current()]);
        Unsealer = new Unsealer(Ring);
        Sealer = Sealer.FromCertificatePem(CurrentPem.Certificate, new FakeTimeProvider(Now));
        OlderSealer = Sealer.FromCertificatePem(OlderPem.Certificate, new FakeTimeProvider(Now));
    }

    public (string Certificate, string PrivateKey) OlderPem { get; }

    public (string Certificate, string PrivateKey) CurrentPem { get; }

    /// <summary>A ring holding both keys; shared, never disposed by tests.</summary>
    public KeyRing Ring { get; }

    public Unsealer Unsealer { get; }

    /// <summary>Seals with the current key at <see cref="Now"/>.</summary>
    public Sealer Sealer { get; }

    /// <summary>Seals with the older key at <see cref="Now"/> (still within its validity).</summary>
    public Sealer OlderSealer { get; }

    public SealingKeyPair Older() => SealingKeyPair.FromPem(OlderPem.Certificate, OlderPem.PrivateKey);

    public SealingKeyPair Current() => SealingKeyPair.FromPem(CurrentPem.Certificate, CurrentPem.PrivateKey);

    public void Dispose()
    {
        Ring.Dispose();
        Sealer.Dispose();
        OlderSealer.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SealingKeysCollection : ICollectionFixture<SealingKeys>
{
    public const string Name = "sealing keys";
}
