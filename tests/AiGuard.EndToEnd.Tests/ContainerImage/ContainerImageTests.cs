using System.Globalization;
using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Cli.Demo;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Tests.Clients;
using AiGuard.Testing;
using k8s;

namespace AiGuard.EndToEnd.Tests.ContainerImage;

/// <summary>
/// The image scripts/build-image.sh builds: its metadata, what is (not) inside it, and the operator in it running
/// in-cluster (service account token and CA, KUBERNETES_SERVICE_HOST/PORT, https) as UID 65532 on a read-only root
/// against the sandbox, converging the samples.
/// </summary>
public sealed class ContainerImageTests(BuiltImage image) : IClassFixture<BuiltImage>
{
    private const string OperatorNamespace = "aiguard-system";
    private static readonly TimeSpan ConvergenceTimeout = TimeSpan.FromSeconds(120);

    [ToolFact("podman", "mmdebstrap")]
    public void Image_is_tagged_and_labelled_with_the_release_version_and_runs_as_65532()
    {
        var version = ReleaseVersion.FromBuildProps();
        Assert.Equal($"ghcr.io/aiguard/aiguard-operator:{version}", image.Reference);
        Assert.Equal(version, image.Label("org.opencontainers.image.version"));
        Assert.Equal("Apache-2.0", image.Label("org.opencontainers.image.licenses"));
        Assert.Equal("https://github.com/aiguard/aiguard-operator", image.Label("org.opencontainers.image.source"));
        Assert.Matches("^[0-9a-f]{40}$", image.Label("org.opencontainers.image.revision"));
        Assert.Equal("65532:65532", image.ImageConfig.GetProperty("User").GetString());
        Assert.Equal(["/app/aiguard", "operator"], image.Command);
    }

    [ToolFact("podman", "mmdebstrap")]
    public async Task Image_has_no_shell_or_other_program_and_the_operator_user_cannot_change_the_app()
    {
        // An attacker who gets `kubectl exec` or code execution in the pod finds no shell, no interpreter, no openssl:
        // the only executable files are the app and shared libraries.
        var programs = await FindAsync(image.RootFs, ".", "-type", "f", "-perm", "/111", "!", "-name", "*.so", "!", "-name", "*.so.*", "!", "-path", "./app/*");
        Assert.True(programs.Length == 0, $"programs outside /app:\n{programs}");
        Assert.All(new[] { "bin/sh", "usr/bin/sh", "bin/bash", "usr/bin/bash", "bin/dash", "usr/bin/dash", "usr/bin/perl" },
            shell => Assert.False(Path.Exists(Path.Combine(image.RootFs, shell)), $"{shell} exists"));

        // The app belongs to root and nobody else may write it: the operator cannot rewrite its own code.
        var writable = await FindAsync(image.RootFs, "./app", "(", "!", "-uid", "0", "-o", "-perm", "/022", ")");
        Assert.True(writable.Length == 0, $"not root's or writable by others:\n{writable}");
        Assert.True(File.Exists(Path.Combine(image.RootFs, "etc", "ssl", "certs", "ca-certificates.crt")), "no CA bundle: https to anything but the API server would fail");
    }

    [ToolFact("podman", "mmdebstrap", "unshare", "chroot", RequiresRoot = true)]
    public async Task Operator_in_the_image_converges_the_samples_in_cluster_as_65532_on_a_read_only_root()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SimulateWorkloads = true, WorkloadReadyDelay = TimeSpan.FromMilliseconds(100) });
        using var ca = new TestCertificateAuthority("aiguard-test-cluster");
        await using var apiServer = new TlsFrontend(ca.ServerCertificate, sandbox.BaseAddress);
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(60));
        var token = await InstallAndApplySamplesAsync(session, sandbox);
        using var account = new ServiceAccountDirectory(ca.CertificatePem, OperatorNamespace, token);
        var before = Snapshot(image.RootFs);

        await using var container = ChrootedContainer.Start(image, account.Path, InClusterEnvironment(apiServer.Port));
        using var client = sandbox.CreateClient();
        await Eventually.ReturnsAsync(
            () => ReadModelsAsync(client),
            rows => Mismatches(rows).Count == 0 || container.HasExited,
            rows => $"{string.Join("; ", Mismatches(rows))}\n--- operator output\n{container.Output}",
            ConvergenceTimeout);
        Assert.False(container.HasExited, $"the operator exited\n{container.Output}");

        var exitCode = await container.StopAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM\n{container.Output}");
        Assert.Equal(before, Snapshot(image.RootFs));
        Assert.DoesNotContain("setup:", container.Output, StringComparison.Ordinal);
        Assert.Contains("\"@t\"", container.Output, StringComparison.Ordinal); // in-cluster default: JSON logs
    }

    [ToolFact("podman", "mmdebstrap", "unshare", "chroot", RequiresRoot = true)]
    public async Task Operator_in_the_image_refuses_an_api_server_its_service_account_ca_did_not_sign()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var trusted = new TestCertificateAuthority("aiguard-test-cluster");
        using var impostor = new TestCertificateAuthority("aiguard-test-impostor");
        await using var apiServer = new TlsFrontend(impostor.ServerCertificate, sandbox.BaseAddress);
        using var account = new ServiceAccountDirectory(trusted.CertificatePem, OperatorNamespace);

        await using var container = ChrootedContainer.Start(image, account.Path, InClusterEnvironment(apiServer.Port));
        await Eventually.ReturnsAsync(
            () => Task.FromResult(apiServer.FailedHandshakes),
            failed => failed >= 2 || container.HasExited,
            failed => $"{failed} refused handshakes\n--- operator output\n{container.Output}",
            ConvergenceTimeout);

        // Nothing crossed the impostor: the operator sent no request (and so no token) to it.
        Assert.Equal(0, apiServer.ForwardedConnections);
        await container.StopAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Runs find(1) from <paramref name="start"/> inside <paramref name="root"/> (paths print as ./x); returns what it printed.</summary>
    private static async Task<string> FindAsync(string root, string start, params string[] expression)
    {
        var run = await KubeClientTools.RunAsync("sh", ["-c", "cd \"$1\" && shift && exec find \"$@\"", "find", root, start, .. expression],
            new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.StdOut.Trim();
    }

    private static IEnumerable<string> InClusterEnvironment(int apiServerPort) =>
    [
        "KUBERNETES_SERVICE_HOST=127.0.0.1",
        $"KUBERNETES_SERVICE_PORT={apiServerPort.ToString(CultureInfo.InvariantCulture)}",
        // Ports the kubelet would give the pod; 0 here so parallel test runs on one machine do not collide.
        "AIGUARD_HEALTH_PORT=0",
        "AIGUARD_METRICS_PORT=0",
        "POD_NAME=aiguard-operator-image-test",
    ];

    /// <summary>
    /// Installs the CRDs and the operator's RBAC from config/ as a cluster admin would, applies the samples, and
    /// returns a token of the operator's ServiceAccount: the image runs with exactly the rights the install grants.
    /// </summary>
    private static async Task<string> InstallAndApplySamplesAsync(KubeClientSession session, SandboxServer sandbox)
    {
        session.WriteKubeconfig(sandbox);
        var samples = SampleFiles.CopySamples(session.Directory);
        async Task Succeeds(params string[] args)
        {
            var run = await session.KubectlAsync(args);
            Assert.True(run.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed\n{run}");
        }

        await Succeeds("apply", "-f", SampleFiles.CrdDirectory);
        await Succeeds("create", "namespace", OperatorNamespace);
        await Succeeds("apply", "-k", Path.Combine(KubeClientTools.RepoRoot, "config", "rbac"));
        await Succeeds("apply", "-f", Path.Combine(samples, "namespace-ml-prod.yaml"));
        await Succeeds("apply", "-f", samples);
        var token = await session.KubectlAsync("create", "token", "aiguard-operator", "-n", OperatorNamespace, "--duration=2h");
        Assert.True(token.ExitCode == 0, $"kubectl create token failed\n{token}");
        return token.StdOut.Trim();
    }

    private static async Task<List<ModelRow>> ReadModelsAsync(Kubernetes client)
    {
        var rows = new List<ModelRow>();
        foreach (var name in DemoExpectations.Expected.Keys)
        {
            var model = await client.CustomObjects.GetNamespacedCustomObjectAsync<ModelDeployment>(ApiGroup.Group, ApiGroup.Version, "ml-prod", ModelDeployment.Plural, name);
            rows.Add(ModelRow.From(model));
        }

        return rows;
    }

    private static List<string> Mismatches(IEnumerable<ModelRow> rows) =>
        rows.Where(row => DemoExpectations.Expected[row.Name] is var expected
                && (row.Phase != expected.Phase || (expected.Phase == Phases.Compliant && !row.Ready)))
            .Select(row => $"{row.Name} is {row.Phase}{(row.Ready ? "" : " (not Ready)")}, expected {DemoExpectations.Expected[row.Name].Phase}")
            .ToList();

    /// <summary>Every file and symlink with its size and modification time: a write anywhere changes it.</summary>
    private static List<string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => new FileInfo(path))
            .Select(file => $"{Path.GetRelativePath(root, file.FullName)} {file.Length} {file.LastWriteTimeUtc.Ticks}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
