using AiGuard.Operator.Sealing;
using AiGuard.Sandbox;
using AiGuard.Sealing;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Tests.Seal;

/// <summary>
/// <c>--key-id</c> pins the sealing key whatever the certificate source, and a plain-http certificate URL warns;
/// a swapped certificate (another key pair, as an attacker on the path would serve) seals nothing.
/// </summary>
[Collection(SealKeysCollection.Name)]
public sealed class SealKeyPinTests(SealKeys keys) : IDisposable
{
    private const string Canary = "canary-pin-51c7-never-print";
    private static readonly Lazy<SealingKeyPair> Attacker = new(() => SealingKeyPair.Create());
    private readonly string _dir = Directory.CreateTempSubdirectory("aiguard-seal-pin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Fingerprint => SealingKeyFingerprint.Of(keys.Key.Certificate);

    private static string[] Seal(params string[] extra) =>
        ["-n", "ml-prod", "--model", "m", "--secret", "s", "--raw", "--from-literal", $"k={Canary}", .. extra];

    private void AssertSealed(SealOutcome outcome)
    {
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal(Canary, keys.Open(outcome.Stdout.Trim(), SealingScope.Strict("ml-prod", "m", "s")));
    }

    private static void AssertRefused(SealOutcome outcome, string pin, string actualKeyId)
    {
        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Equal("", outcome.Stdout);
        Assert.Contains($"has key {actualKeyId}", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains($"--key-id pins {pin}", outcome.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, outcome.Stdout + outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_starts_with_the_key_id_the_sealing_library_computes()
    {
        Assert.Matches("^sha256:[0-9a-f]{64}$", Fingerprint);
        Assert.Equal(keys.Key.KeyId, SealingKeyFingerprint.KeyIdOf(Fingerprint));
    }

    [Fact]
    public async Task File_certificate_matching_the_pinned_id_or_fingerprint_seals()
    {
        AssertSealed(await SealCli.RunAsync(Seal("--cert", keys.CertificatePath, "--key-id", keys.Key.KeyId)));
        AssertSealed(await SealCli.RunAsync(Seal("--cert", keys.CertificatePath, "--key-id", Fingerprint.ToUpperInvariant())));
    }

    [Fact]
    public async Task File_certificate_of_another_key_is_refused_naming_both_ids()
    {
        var swapped = Path.Combine(_dir, "swapped.pem");
        await File.WriteAllTextAsync(swapped, Attacker.Value.ExportCertificatePem());

        AssertRefused(await SealCli.RunAsync(Seal("--cert", swapped, "--key-id", keys.Key.KeyId)), keys.Key.KeyId, Attacker.Value.KeyId);
        AssertRefused(await SealCli.RunAsync(Seal("--cert", swapped, "--key-id", Fingerprint)), Fingerprint, Attacker.Value.KeyId);
    }

    [Fact]
    public async Task Same_short_id_but_another_fingerprint_is_refused()
    {
        // A forged key whose 32-bit id collides is only caught by the full fingerprint: pin that.
        var forged = "sha256:" + Fingerprint["sha256:".Length..][..8] + new string('0', 56);

        AssertRefused(await SealCli.RunAsync(Seal("--cert", keys.CertificatePath, "--key-id", forged)), forged, keys.Key.KeyId);
    }

    [Theory]
    [InlineData("3f2a9c1e")]
    [InlineData("k-3f2a9c1")]
    [InlineData("sha256:abc")]
    [InlineData("md5:0123456789abcdef0123456789abcdef")]
    public async Task Malformed_key_id_is_a_usage_error(string pin)
    {
        var outcome = await SealCli.RunAsync(Seal("--cert", keys.CertificatePath, "--key-id", pin));

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("--key-id must be a key id such as k-3f2a9c1e or a fingerprint sha256:<64 hex digits>", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_url_warns_that_the_certificate_is_unauthenticated_and_the_pin_still_decides()
    {
        await using var app = await CertificateServer.StartAsync(keys.Key.ExportCertificatePem());
        var url = CertificateServer.Address(app);
        Assert.StartsWith("http://", url, StringComparison.Ordinal);

        var unpinned = await SealCli.RunAsync(Seal("--cert", url));
        var pinned = await SealCli.RunAsync(Seal("--cert", url, "--key-id", keys.Key.KeyId));
        var mismatch = await SealCli.RunAsync(Seal("--cert", url + "/v1/cert.pem", "--key-id", Attacker.Value.KeyId));
        var fingerprinted = await SealCli.RunAsync(Seal("--cert", url, "--key-id", Fingerprint));

        AssertSealed(unpinned);
        Assert.Contains($"warning: --cert {url} fetches the certificate over plain http, unauthenticated", unpinned.Stderr, StringComparison.Ordinal);
        Assert.Contains("--key-id", unpinned.Stderr, StringComparison.Ordinal);
        Assert.Contains("--fetch-cert", unpinned.Stderr, StringComparison.Ordinal);
        AssertSealed(pinned);
        Assert.Contains("warning:", pinned.Stderr, StringComparison.Ordinal);
        AssertRefused(mismatch, Attacker.Value.KeyId, keys.Key.KeyId);
        AssertSealed(fingerprinted);
        Assert.DoesNotContain("warning:", fingerprinted.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_certificate_does_not_warn()
    {
        var outcome = await SealCli.RunAsync(Seal("--cert", keys.CertificatePath));

        AssertSealed(outcome);
        Assert.DoesNotContain("warning:", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_endpoint_names_the_key_in_headers()
    {
        await using var app = await CertificateServer.StartAsync(keys.Key.ExportCertificatePem());
        using var http = new HttpClient();

        using var response = await http.GetAsync(CertificateServer.Address(app) + SealingCertificateEndpoint.Path);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(keys.Key.KeyId, Assert.Single(response.Headers.GetValues(SealingKeyFingerprint.KeyIdHeader)));
        Assert.Equal(Fingerprint, Assert.Single(response.Headers.GetValues(SealingKeyFingerprint.FingerprintHeader)));
    }

    [Fact]
    public async Task Operator_logs_the_active_key_id_and_fingerprint_at_start_and_on_rotation()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "guard-ops" } });
        var options = new SealingOptions { OperatorNamespace = "guard-ops", ServiceAccountNamespaceFile = null };
        var log = new RecordingLogger<SealingKeyStore>();
        using var store = new SealingKeyStore(client, options, log);
        var start = DateTimeOffset.UtcNow;

        var first = await store.EnsureKeysAsync(start);
        var rotated = await store.EnsureKeysAsync(start + options.RenewalInterval + TimeSpan.FromMinutes(1));
        var restartLog = new RecordingLogger<SealingKeyStore>();
        using var restarted = new SealingKeyStore(client, options, restartLog);
        await restarted.ReloadAsync();

        Assert.NotEqual(first.ActiveKeyId, rotated.ActiveKeyId);
        Assert.Contains(log.Messages, m => m.StartsWith($"Active sealing key {first.ActiveKeyId}, fingerprint sha256:", StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.StartsWith($"Active sealing key {rotated.ActiveKeyId}, fingerprint sha256:", StringComparison.Ordinal));
        var atRestart = Assert.Single(restartLog.Messages, m => m.StartsWith("Active sealing key", StringComparison.Ordinal));
        Assert.Contains(rotated.ActiveKeyId, atRestart, StringComparison.Ordinal);
        Assert.Contains(SealingKeyFingerprint.OfPem(restarted.ActiveCertificatePem!), atRestart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_configmap_publishes_the_key_id_and_the_pin_is_checked_against_it()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "guard-ops" } });
        using var store = new SealingKeyStore(client, new SealingOptions { OperatorNamespace = "guard-ops", ServiceAccountNamespaceFile = null });
        var ensured = await store.EnsureKeysAsync(DateTimeOffset.UtcNow);
        var configMap = await client.CoreV1.ReadNamespacedConfigMapAsync(SealingKeyStore.CertificateConfigMapName, "guard-ops");
        var kubeconfig = SealCertificateSourceTests.WriteKubeconfig(server);
        string[] fetch = ["--fetch-cert", "--kubeconfig", kubeconfig, "--operator-namespace", "guard-ops"];

        var matching = await SealCli.RunAsync(Seal([.. fetch, "--key-id", configMap.Data[SealingKeyStore.CertificateConfigMapKeyIdKey]]));
        var byFingerprint = await SealCli.RunAsync(Seal([.. fetch, "--key-id", configMap.Data[SealingKeyStore.CertificateConfigMapFingerprintKey]]));
        var mismatch = await SealCli.RunAsync(Seal([.. fetch, "--key-id", keys.Key.KeyId]));

        Assert.Equal(ensured.ActiveKeyId, configMap.Data[SealingKeyStore.CertificateConfigMapKeyIdKey]);
        Assert.Equal(SealingKeyFingerprint.OfPem(configMap.Data[SealingKeyStore.CertificateConfigMapKey]), configMap.Data[SealingKeyStore.CertificateConfigMapFingerprintKey]);
        Assert.True(matching.ExitCode == 0, matching.ToString());
        Assert.True(byFingerprint.ExitCode == 0, byFingerprint.ToString());
        AssertRefused(mismatch, keys.Key.KeyId, ensured.ActiveKeyId);
        File.Delete(kubeconfig);
    }
}
