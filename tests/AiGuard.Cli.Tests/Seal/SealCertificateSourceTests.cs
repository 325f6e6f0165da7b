using AiGuard.Operator.Sealing;
using AiGuard.Sandbox;
using AiGuard.Sealing;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Tests.Seal;

/// <summary>The certificate from the operator's URL and from the cluster's ConfigMap.</summary>
[Collection(SealKeysCollection.Name)]
public sealed class SealCertificateSourceTests(SealKeys keys)
{
    private const string Canary = "canary-source-3d9a-never-print";

    [Fact]
    public async Task Fetches_the_certificate_from_the_operators_url()
    {
        await using var app = await CertificateServer.StartAsync(keys.Key.ExportCertificatePem());
        var url = CertificateServer.Address(app);

        var full = await SealCli.RunAsync("-n", "ml-prod", "--model", "m", "--secret", "s", "--raw", "--from-literal", $"k={Canary}", "--cert", $"{url}/v1/cert.pem");
        var bare = await SealCli.RunAsync("-n", "ml-prod", "--model", "m", "--secret", "s", "--raw", "--from-literal", "k=v", "--cert", url);

        Assert.True(full.ExitCode == 0, full.ToString());
        Assert.Equal(Canary, keys.Open(full.Stdout.Trim(), SealingScope.Strict("ml-prod", "m", "s")));
        Assert.True(bare.ExitCode == 0, bare.ToString());
        Assert.Equal("v", keys.Open(bare.Stdout.Trim(), SealingScope.Strict("ml-prod", "m", "s")));
    }

    [Fact]
    public async Task An_operator_without_a_key_yet_is_reported_as_unavailable()
    {
        await using var app = await CertificateServer.StartAsync(null);

        var result = await SealCli.RunAsync("-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--cert", CertificateServer.Address(app) + "/v1/cert.pem");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("answered 503", result.Stderr);
        Assert.Contains("no sealing key exists yet", result.Stderr);
        Assert.DoesNotContain(Canary, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Fetches_the_certificate_the_operator_published_in_the_cluster_and_the_operator_opens_the_result()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = server.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "guard-ops" } });
        using var store = new SealingKeyStore(client, new SealingOptions { OperatorNamespace = "guard-ops", ServiceAccountNamespaceFile = null });
        await store.EnsureKeysAsync(DateTimeOffset.UtcNow);
        var kubeconfig = WriteKubeconfig(server);

        try
        {
            var result = await SealCli.RunAsync(
                "-n", "ml-prod", "--model", "fraud-scorer", "--secret", "db", "--from-literal", $"password={Canary}",
                "--fetch-cert", "--kubeconfig", kubeconfig, "--operator-namespace", "guard-ops");

            Assert.True(result.ExitCode == 0, result.ToString());
            var sealedText = SealYaml.SealedData(SealYaml.Entry(result.Stdout))["password"];
            var verifier = new SealedDataVerifier(() => store.Ring);
            Assert.True(verifier.TryOpen("ml-prod", "fraud-scorer", "db", "password", sealedText, out var opened));
            Assert.Equal(Canary, System.Text.Encoding.UTF8.GetString(opened));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task A_cluster_without_the_certificate_configmap_says_what_to_check()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        var kubeconfig = WriteKubeconfig(server);

        try
        {
            var result = await SealCli.RunAsync("-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--fetch-cert", "--kubeconfig", kubeconfig);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("ConfigMap aiguard-system/aiguard-sealing-cert not found", result.Stderr);
            Assert.Contains("--operator-namespace", result.Stderr);
            Assert.DoesNotContain(Canary, result.Stdout + result.Stderr);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task A_missing_kubeconfig_is_an_input_error()
    {
        var result = await SealCli.RunAsync("-n", "ml-prod", "--model", "m", "--secret", "s", "--from-literal", $"k={Canary}", "--fetch-cert", "--kubeconfig", "/does/not/exist/kubeconfig");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot load --kubeconfig /does/not/exist/kubeconfig", result.Stderr);
        Assert.DoesNotContain(Canary, result.Stdout + result.Stderr);
    }

    // A kubeconfig of the test's own shape (user "tester"), authenticating with the sandbox's admin token.
    internal static string WriteKubeconfig(SandboxServer server)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aiguard-seal-kubeconfig-{Guid.NewGuid():N}");
        File.WriteAllText(path, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sandbox
              cluster: {server: {{server.BaseAddress.ToString().TrimEnd('/')}}}
            contexts:
            - name: sandbox
              context: {cluster: sandbox, user: tester}
            current-context: sandbox
            users:
            - name: tester
              user: {token: {{server.AdminToken}}}
            """);
        return path;
    }
}
