using System.Text;
using AiGuard.Operator.Sealing;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Tests.Clients;
using AiGuard.Sealing;
using k8s;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The sealing key backup and restore of docs/operations.md, run verbatim with kubectl 1.35 against the in-memory
/// API server: keys the operator's own store created are backed up, deleted, restored, and open a value sealed
/// before the loss.
/// </summary>
public sealed class SealingKeyBackupTests
{
    private const string OperatorNamespace = "aiguard-system";
    private static readonly SealingScope Scope = SealingScope.Strict("ml-prod", "support-assistant", "api-key");

    [Fact]
    public async Task Documented_backup_and_restore_bring_back_keys_that_open_values_sealed_before_the_loss()
    {
        var (backup, restore) = Blocks();
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = OperatorNamespace } });
        var canary = "unrelated-" + Guid.NewGuid().ToString("N");
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "unrelated" },
            StringData = new Dictionary<string, string> { ["password"] = canary },
        }, OperatorNamespace);
        string sealedValue;
        using (var store = Store(client))
        {
            await store.EnsureKeysAsync(DateTimeOffset.UtcNow);
            using var sealer = Sealer.FromCertificatePem(store.ActiveCertificatePem!);
            sealedValue = sealer.Seal("s3cr3t-token"u8, Scope);
        }

        var backedUp = await DocumentedCommands.RunAsync(session, backup);
        Assert.True(backedUp.ExitCode == 0, backedUp.ToString());
        Assert.Equal("1", backedUp.StdOut.Trim());
        var file = await File.ReadAllTextAsync(Path.Combine(session.Directory, "aiguard-sealing-keys.yaml"));
        Assert.DoesNotContain("resourceVersion", file, StringComparison.Ordinal);
        Assert.DoesNotContain("uid:", file, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(canary)), file, StringComparison.Ordinal);

        await DeleteKeysAsync(client);
        using (var emptied = Store(client))
        {
            Assert.Equal(0, await emptied.ReloadAsync());
        }

        var restored = await DocumentedCommands.RunAsync(session, restore);
        Assert.True(restored.ExitCode == 0, restored.ToString());

        using var after = Store(client);
        Assert.Equal(1, await after.ReloadAsync());
        Assert.Equal("s3cr3t-token", Encoding.UTF8.GetString(new Unsealer(after.Ring).Unseal(sealedValue, Scope)));
        var secret = (await client.CoreV1.ListNamespacedSecretAsync(OperatorNamespace, labelSelector: SealingKeyStore.KeyLabel)).Items.Single();
        Assert.DoesNotContain("kubectl.kubernetes.io/last-applied-configuration", secret.Metadata.Annotations?.Keys ?? []);
    }

    [Fact]
    public async Task Restore_refuses_to_overwrite_a_different_key_of_the_same_name()
    {
        var (backup, restore) = Blocks();
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = OperatorNamespace } });
        using (var store = Store(client))
        {
            await store.EnsureKeysAsync(DateTimeOffset.UtcNow);
        }

        var backedUp = await DocumentedCommands.RunAsync(session, backup);
        Assert.True(backedUp.ExitCode == 0, backedUp.ToString());
        var live = (await client.CoreV1.ListNamespacedSecretAsync(OperatorNamespace, labelSelector: SealingKeyStore.KeyLabel)).Items.Single();
        using var other = SealingKeyPair.Create();
        live.Data["tls.crt"] = Encoding.UTF8.GetBytes(other.ExportCertificatePem());
        live.Data["tls.key"] = Encoding.UTF8.GetBytes(other.ExportPrivateKeyPem());
        await client.CoreV1.ReplaceNamespacedSecretAsync(live, live.Metadata.Name, OperatorNamespace);

        var restored = await DocumentedCommands.RunAsync(session, restore);

        Assert.NotEqual(0, restored.ExitCode);
        Assert.Contains("conflict", restored.StdErr, StringComparison.OrdinalIgnoreCase);
        var kept = await client.CoreV1.ReadNamespacedSecretAsync(live.Metadata.Name, OperatorNamespace);
        Assert.Equal(other.ExportCertificatePem(), Encoding.UTF8.GetString(kept.Data["tls.crt"]));
    }

    private static (string Backup, string Restore) Blocks()
    {
        var blocks = DocumentedCommands.Blocks(nameof(SealingKeyBackupTests) + ".cs");
        Assert.Equal(2, blocks.Count);
        return (blocks[0], blocks[1]);
    }

    private static SealingKeyStore Store(Kubernetes client) =>
        new(client, new SealingOptions { OperatorNamespace = OperatorNamespace, ServiceAccountNamespaceFile = null });

    private static async Task DeleteKeysAsync(Kubernetes client)
    {
        foreach (var key in (await client.CoreV1.ListNamespacedSecretAsync(OperatorNamespace, labelSelector: SealingKeyStore.KeyLabel)).Items)
        {
            await client.CoreV1.DeleteNamespacedSecretAsync(key.Metadata.Name, OperatorNamespace);
        }
    }
}
