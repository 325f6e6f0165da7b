using System.Text.Json;
using AiGuard.Sandbox.Tests.Clients;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.RealClients;

/// <summary>
/// Real kubectl processes against an in-process sandbox: the system dispatcher with the sandbox reporting
/// 1.32 and 1.33 (so kubectl 1.32 and 1.33 run), and kubectl 1.35 from .tools/. Each run has its own cache dir.
/// </summary>
public sealed class KubectlTests
{
    private const string Group = "aiguard.io";
    private const string Version = "v1alpha1";

    public static TheoryData<string, string> Kubectls => new()
    {
        { "system", "32" },
        { "system", "33" },
        { "tools", "35" },
    };

    private static string Config(params string[] parts) => Path.Combine([KubeClientTools.RepoRoot, "config", .. parts]);

    private sealed class Kubectl(KubeClientSession session, string which)
    {
        public async Task<ClientRun> RunAsync(params string[] arguments)
        {
            var run = which == "system" ? await session.SystemKubectlAsync(arguments) : await session.KubectlAsync(arguments);
            return run;
        }

        public async Task<string> OkAsync(params string[] arguments)
        {
            var run = await RunAsync(arguments);
            Assert.True(run.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed: {run}");
            return run.StdOut;
        }

        /// <summary>Runs a long-lived kubectl (get -w, wait, delete) in the background, stopped after <paramref name="seconds"/>.</summary>
        public Task<ClientRun> StartAsync(int seconds, params string[] arguments)
        {
            var executable = which == "system" ? KubeClientTools.SystemKubectl : KubeClientTools.Kubectl;
            return session.RunAsync("/usr/bin/timeout", [seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), executable, "--cache-dir", session.CacheDir, .. arguments]);
        }
    }

    [Theory]
    [MemberData(nameof(Kubectls))]
    public async Task Kubectl_flows_work_against_the_sandbox(string which, string minor)
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { KubeMinorVersion = minor });
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(60));
        server.WriteKubeconfig(session.KubeconfigPath);
        using var client = server.CreateClient();
        var kubectl = new Kubectl(session, which);

        var version = await kubectl.OkAsync("version");
        Assert.Contains($"Client Version: v1.{minor}.", version);
        Assert.Contains($"Server Version: v1.{minor}.0", version);

        // CRDs, then the samples client-side, then server-side over them.
        Assert.Contains("created", await kubectl.OkAsync("apply", "-f", Config("crd", "bases")));
        await kubectl.OkAsync("apply", "-f", Config("samples", "namespace-ml-prod.yaml"));
        var clientSide = await kubectl.OkAsync("apply", "-f", Config("samples"));
        Assert.Contains("modeldeployment.aiguard.io/support-assistant created", clientSide);
        Assert.Contains("unchanged", await kubectl.OkAsync("apply", "-f", Config("samples")));
        Assert.Contains("serverside-applied", await kubectl.OkAsync("apply", "--server-side", "-f", Config("samples")));

        // Printer columns from the CRD.
        var table = await kubectl.OkAsync("get", "md", "-n", "ml-prod");
        var header = table.Split('\n')[0];
        Assert.Contains("NAME", header);
        Assert.Contains("PHASE", header);
        Assert.Contains("support-assistant", table);

        // get -w receives an event made by another client.
        var before = server.Metrics.Count("watch", "modeldeployments");
        var watch = kubectl.StartAsync(8, "get", "md", "-n", "ml-prod", "-w", "--watch-only");
        await Eventually.ReturnsAsync(() => Task.FromResult(server.Metrics.Count("watch", "modeldeployments")), n => n > before, what: "kubectl's watch");
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("{\"metadata\":{\"labels\":{\"watched\":\"yes\"}}}", V1Patch.PatchType.MergePatch),
            Group, Version, "ml-prod", "modeldeployments", "chat-playground");
        var watched = await watch;
        Assert.Contains("chat-playground", watched.StdOut);

        // wait --for=condition until another client sets it.
        var watchesBeforeWait = server.Metrics.Count("watch", "modeldeployments");
        var wait = kubectl.StartAsync(30, "wait", "--for=condition=Ready", "md/support-assistant", "-n", "ml-prod", "--timeout=25s");
        await Eventually.ReturnsAsync(() => Task.FromResult(server.Metrics.Count("watch", "modeldeployments")), n => n > watchesBeforeWait, what: "kubectl wait's watch");
        var status = new { status = new { conditions = new[] { new { type = "Ready", status = "True", reason = "Reconciled", message = "ok", lastTransitionTime = "2026-01-01T00:00:00Z" } } } };
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(status, V1Patch.PatchType.MergePatch), Group, Version, "ml-prod", "modeldeployments", "support-assistant");
        var waited = await wait;
        Assert.True(waited.ExitCode == 0, $"kubectl wait failed: {waited}");
        Assert.Contains("condition met", waited.StdOut);

        // label, annotate.
        await kubectl.OkAsync("label", "md", "support-assistant", "-n", "ml-prod", "tier=gold");
        await kubectl.OkAsync("annotate", "md", "support-assistant", "-n", "ml-prod", "aiguard.io/note=reviewed");
        var labelled = Crds.AsJson(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, "ml-prod", "modeldeployments", "support-assistant"));
        Assert.Equal("gold", labelled.GetProperty("metadata").GetProperty("labels").GetProperty("tier").GetString());
        Assert.Equal("reviewed", labelled.GetProperty("metadata").GetProperty("annotations").GetProperty("aiguard.io/note").GetString());

        // create configmap / secret send protobuf bodies.
        await kubectl.OkAsync("create", "configmap", "settings", "-n", "ml-prod", "--from-literal=mode=strict");
        Assert.Equal("strict", (await client.CoreV1.ReadNamespacedConfigMapAsync("settings", "ml-prod")).Data["mode"]);
        await kubectl.OkAsync("create", "secret", "generic", "creds", "-n", "ml-prod", "--from-literal=token=abc");
        Assert.Equal("abc", System.Text.Encoding.UTF8.GetString((await client.CoreV1.ReadNamespacedSecretAsync("creds", "ml-prod")).Data["token"]));

        // delete waits for another client to remove the finalizer.
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("{\"metadata\":{\"finalizers\":[\"aiguard.io/hold\"]}}", V1Patch.PatchType.MergePatch),
            Group, Version, "ml-prod", "modeldeployments", "credit-scorer");
        var delete = kubectl.StartAsync(30, "delete", "md", "credit-scorer", "-n", "ml-prod", "--timeout=25s");
        await Eventually.ReturnsAsync(
            async () => Crds.AsJson(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, "ml-prod", "modeldeployments", "credit-scorer")),
            md => md.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _), what: "the deletion mark");
        Assert.False(delete.IsCompleted, "kubectl delete returned before the finalizer was removed");
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch),
            Group, Version, "ml-prod", "modeldeployments", "credit-scorer");
        var deleted = await delete;
        Assert.True(deleted.ExitCode == 0, $"kubectl delete failed: {deleted}");
        Assert.Contains("deleted", deleted.StdOut);

        // No request the clients made failed on the server side.
        Assert.Equal(0, server.Metrics.Snapshot().Where(p => p.Key.Code >= 500).Sum(p => p.Value));
    }
}
