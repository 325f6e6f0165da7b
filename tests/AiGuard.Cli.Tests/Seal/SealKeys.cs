using AiGuard.Sealing;

namespace AiGuard.Cli.Tests.Seal;

/// <summary>
/// SealKeys is the cluster key pair the seal tests share (RSA-4096 generation takes a second or more), with its
/// certificate written to a PEM file, and a ring to open what the CLI sealed.
/// </summary>
public sealed class SealKeys : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aiguard-seal-keys-").FullName;

    public SealKeys()
    {
        Key = SealingKeyPair.Create();
        CertificatePath = Path.Combine(_dir, "cert.pem");
        File.WriteAllText(CertificatePath, Key.ExportCertificatePem());
        Ring = new KeyRing([SealingKeyPair.FromPem(Key.ExportCertificatePem(), Key.ExportPrivateKeyPem())]);
    }

    public SealingKeyPair Key { get; }

    public string CertificatePath { get; }

    public KeyRing Ring { get; }

    public string Open(string sealedText, SealingScope location) =>
        System.Text.Encoding.UTF8.GetString(new Unsealer(Ring).Unseal(sealedText, location));

    public void Dispose()
    {
        Ring.Dispose();
        Key.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SealKeysCollection : ICollectionFixture<SealKeys>
{
    public const string Name = "seal keys";
}
