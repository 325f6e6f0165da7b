using System.Text;
using AiGuard.Operator.Sealing;
using AiGuard.Sandbox;
using AiGuard.Sealing;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace AiGuard.Operator.Tests.Sealing;

/// <summary>The key ring in the cluster, against the in-memory API server.</summary>
public sealed class SealingKeyStoreTests : IAsyncLifetime
{
    private const string OperatorNs = "aiguard-test";
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly SealingScope Scope = SealingScope.Strict("ml-prod", "fraud-scorer", "registry-token");

    private SandboxServer _server = null!;
    private Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions());
        _client = _server.CreateClient();
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = OperatorNs } });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private SealingKeyStore NewStore(TimeSpan? renewal = null) => new(_client, new SealingOptions
    {
        OperatorNamespace = OperatorNs,
        ServiceAccountNamespaceFile = null,
        RenewalInterval = renewal ?? TimeSpan.FromDays(30),
    });

    private long Writes(string resource) =>
        new[] { "create", "update", "patch", "apply", "delete" }.Sum(verb => _server.Metrics.Count(verb, resource));

    [Fact]
    public async Task Creates_the_first_key_as_a_tls_secret_and_publishes_its_certificate()
    {
        using var store = NewStore();
        Assert.Null(store.ActiveCertificatePem);

        var ensured = await store.EnsureKeysAsync(Start);

        var active = Assert.Single(store.Ring.Keys);
        Assert.Equal(active.KeyId, ensured.ActiveKeyId);
        Assert.Equal(active.KeyId, ensured.CreatedKeyId);
        Assert.True(ensured.CertificatePublished);
        Assert.Equal(active.NotBefore + TimeSpan.FromDays(30), ensured.NextRenewal);
        Assert.Equal(Start - TimeSpan.FromMinutes(5), active.NotBefore); // validity starts at the caller's now (back-dated for skew)

        var secret = await _client.CoreV1.ReadNamespacedSecretAsync($"aiguard-sealing-key-{active.KeyId}", OperatorNs);
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.True(secret.Metadata.Labels.ContainsKey(SealingKeyStore.KeyLabel));
        Assert.Contains("BEGIN CERTIFICATE", Encoding.UTF8.GetString(secret.Data["tls.crt"]));
        Assert.Contains("BEGIN PRIVATE KEY", Encoding.UTF8.GetString(secret.Data["tls.key"]));

        var configMap = await _client.CoreV1.ReadNamespacedConfigMapAsync("aiguard-sealing-cert", OperatorNs);
        Assert.Equal(active.ExportCertificatePem(), configMap.Data["cert.pem"]);
        Assert.Equal(active.ExportCertificatePem(), store.ActiveCertificatePem);
        Assert.DoesNotContain("PRIVATE KEY", configMap.Data["cert.pem"]);
    }

    [Fact]
    public async Task Values_sealed_with_the_published_certificate_open_with_the_ring()
    {
        using var store = NewStore();
        await store.EnsureKeysAsync(Start);
        var configMap = await _client.CoreV1.ReadNamespacedConfigMapAsync("aiguard-sealing-cert", OperatorNs);
        using var sealer = Sealer.FromCertificatePem(configMap.Data["cert.pem"], new FakeTimeProvider(Start));

        var text = sealer.Seal("s3cr3t"u8, Scope);

        var verifier = new SealedDataVerifier(() => store.Ring);
        Assert.True(verifier.TryOpen("ml-prod", "fraud-scorer", "registry-token", "token", text, out var value));
        Assert.Equal("s3cr3t", Encoding.UTF8.GetString(value));
    }

    [Fact]
    public async Task A_young_key_is_kept_and_the_steady_state_writes_nothing()
    {
        using var store = NewStore();
        var first = await store.EnsureKeysAsync(Start);
        var secretWrites = Writes("secrets");
        var configMapWrites = Writes("configmaps");

        var again = await store.EnsureKeysAsync(Start + TimeSpan.FromDays(29));

        Assert.Null(again.CreatedKeyId);
        Assert.False(again.CertificatePublished);
        Assert.Equal(first.ActiveKeyId, again.ActiveKeyId);
        Assert.Single(store.Ring.Keys);
        Assert.Equal(secretWrites, Writes("secrets"));
        Assert.Equal(configMapWrites, Writes("configmaps"));
    }

    [Fact]
    public async Task Adds_a_key_when_the_active_one_is_due_and_keeps_the_old_one_for_opening()
    {
        using var store = NewStore(TimeSpan.FromDays(30));
        var first = await store.EnsureKeysAsync(Start);
        using var oldSealer = Sealer.FromCertificatePem(store.ActiveCertificatePem!, new FakeTimeProvider(Start));
        var sealedBefore = oldSealer.Seal("before"u8, Scope);

        var renewed = await store.EnsureKeysAsync(first.NextRenewal);

        Assert.NotNull(renewed.CreatedKeyId);
        Assert.NotEqual(first.ActiveKeyId, renewed.ActiveKeyId);
        Assert.True(renewed.CertificatePublished);
        Assert.Equal([renewed.ActiveKeyId, first.ActiveKeyId], store.Ring.Keys.Select(k => k.KeyId));
        var secrets = await _client.CoreV1.ListNamespacedSecretAsync(OperatorNs, labelSelector: SealingKeyStore.KeyLabel);
        Assert.Equal(2, secrets.Items.Count);
        var configMap = await _client.CoreV1.ReadNamespacedConfigMapAsync("aiguard-sealing-cert", OperatorNs);
        Assert.Equal(store.Ring.Active!.ExportCertificatePem(), configMap.Data["cert.pem"]);

        var verifier = new SealedDataVerifier(() => store.Ring);
        Assert.True(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", sealedBefore).Opens);
    }

    [Fact]
    public async Task A_standby_loads_the_keys_the_leader_created_and_serves_the_same_certificate()
    {
        using var leader = NewStore();
        using var standby = NewStore();
        Assert.Equal(0, await standby.ReloadAsync());

        await leader.EnsureKeysAsync(Start);
        var configMapWrites = Writes("configmaps");
        Assert.Equal(1, await standby.ReloadAsync());

        Assert.Equal(leader.Ring.Active!.KeyId, standby.Ring.Active!.KeyId);
        Assert.Equal(leader.ActiveCertificatePem, standby.ActiveCertificatePem);
        Assert.Equal(configMapWrites, Writes("configmaps")); // reloading never writes
        Assert.Equal(1, Writes("secrets")); // only the leader created the key
    }

    [Fact]
    public async Task A_deleted_key_secret_leaves_the_ring_on_reload()
    {
        using var store = NewStore(TimeSpan.FromDays(1));
        var first = await store.EnsureKeysAsync(Start);
        using var sealer = Sealer.FromCertificatePem(store.ActiveCertificatePem!, new FakeTimeProvider(Start));
        var text = sealer.Seal("gone"u8, Scope);
        var second = await store.EnsureKeysAsync(Start + TimeSpan.FromDays(2));
        var verifier = new SealedDataVerifier(() => store.Ring);
        Assert.True(verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", text).Opens);

        await _client.CoreV1.DeleteNamespacedSecretAsync($"aiguard-sealing-key-{first.ActiveKeyId}", OperatorNs);
        Assert.Equal(1, await store.ReloadAsync());

        Assert.Equal(second.ActiveKeyId, Assert.Single(store.Ring.Keys).KeyId);
        Assert.StartsWith($"unknown sealing key {first.ActiveKeyId}", verifier.Verify("ml-prod", "fraud-scorer", "registry-token", "token", text).Problem);
    }

    [Fact]
    public async Task Unusable_labelled_secrets_are_skipped_and_a_key_is_still_created()
    {
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "aiguard-sealing-key-broken", Labels = new Dictionary<string, string> { [SealingKeyStore.KeyLabel] = "true" } },
            Type = "kubernetes.io/tls",
            Data = new Dictionary<string, byte[]> { ["tls.crt"] = "not a pem"u8.ToArray(), ["tls.key"] = "nope"u8.ToArray() },
        }, OperatorNs);
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "aiguard-sealing-key-opaque", Labels = new Dictionary<string, string> { [SealingKeyStore.KeyLabel] = "true" } },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]> { ["x"] = "y"u8.ToArray() },
        }, OperatorNs);
        using var store = NewStore();

        Assert.Equal(0, await store.ReloadAsync());
        var ensured = await store.EnsureKeysAsync(Start);

        Assert.NotNull(ensured.CreatedKeyId);
        Assert.Single(store.Ring.Keys);
    }

    [Fact]
    public async Task A_certificate_configmap_edited_by_hand_is_put_back()
    {
        using var store = NewStore();
        await store.EnsureKeysAsync(Start);
        var configMap = await _client.CoreV1.ReadNamespacedConfigMapAsync("aiguard-sealing-cert", OperatorNs);
        configMap.Data["cert.pem"] = "edited";
        configMap.Data["note"] = "kept";
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(configMap, "aiguard-sealing-cert", OperatorNs);

        var ensured = await store.EnsureKeysAsync(Start + TimeSpan.FromHours(1));

        Assert.True(ensured.CertificatePublished);
        Assert.Null(ensured.CreatedKeyId);
        var repaired = await _client.CoreV1.ReadNamespacedConfigMapAsync("aiguard-sealing-cert", OperatorNs);
        Assert.Equal(store.ActiveCertificatePem, repaired.Data["cert.pem"]);
        Assert.Equal("kept", repaired.Data["note"]);
    }

    [Fact]
    public async Task A_missing_operator_namespace_is_reported_not_created()
    {
        using var store = new SealingKeyStore(_client, new SealingOptions { OperatorNamespace = "not-there", ServiceAccountNamespaceFile = null });

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => store.EnsureKeysAsync(Start));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.Response.StatusCode);
        var namespaces = await _client.CoreV1.ListNamespaceAsync();
        Assert.DoesNotContain(namespaces.Items, n => n.Metadata.Name == "not-there");
    }
}
