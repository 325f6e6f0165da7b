using AiGuard.Sandbox.Tests.Clients;
using AiGuard.Sandbox.Tests.Support;
using k8s;

namespace AiGuard.Sandbox.Tests.RealClients;

/// <summary>Real helm 4.1.4 against a sandbox with simulated workloads: install --wait, upgrade, list, status, history, uninstall.</summary>
public sealed class HelmTests
{
    private static string Chart => Path.Combine(AppContext.BaseDirectory, "TestData", "chart");

    private static async Task<string> OkAsync(KubeClientSession session, params string[] arguments)
    {
        var run = await session.HelmAsync(arguments);
        Assert.True(run.ExitCode == 0, $"helm {string.Join(' ', arguments)} failed: {run}");
        return run.StdOut;
    }

    [Fact]
    public async Task Helm_release_lifecycle_works_against_the_sandbox()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { SimulateWorkloads = true, WorkloadReadyDelay = TimeSpan.FromMilliseconds(300) });
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(90));
        server.WriteKubeconfig(session.KubeconfigPath);
        using var client = server.CreateClient();

        var install = await OkAsync(session, "install", "demo", Chart, "--wait", "--timeout", "60s");
        Assert.Contains("STATUS: deployed", install);
        var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.test.aiguard.io");
        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
        Assert.Equal("hello", (await client.CoreV1.ReadNamespacedConfigMapAsync("demo-settings", "default")).Data["greeting"]);
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync("demo-web", "default");
        Assert.Equal(2, deployment.Status.AvailableReplicas);

        await OkAsync(session, "upgrade", "demo", Chart, "--set", "greeting=bye", "--set", "replicas=3", "--wait", "--timeout", "60s");
        Assert.Equal("bye", (await client.CoreV1.ReadNamespacedConfigMapAsync("demo-settings", "default")).Data["greeting"]);
        Assert.Equal(3, (await client.AppsV1.ReadNamespacedDeploymentAsync("demo-web", "default")).Status.ReadyReplicas);

        var list = await OkAsync(session, "list");
        Assert.Contains("demo", list);
        Assert.Contains("deployed", list);
        Assert.Contains("REVISION: 2", await OkAsync(session, "status", "demo"));
        var history = await OkAsync(session, "history", "demo");
        Assert.Contains("superseded", history);
        Assert.Contains("Upgrade complete", history);

        await OkAsync(session, "uninstall", "demo", "--wait", "--timeout", "60s");
        Assert.DoesNotContain("demo", (await OkAsync(session, "list")).Split('\n').Skip(1).FirstOrDefault() ?? "");
        Assert.Empty((await client.AppsV1.ListNamespacedDeploymentAsync("default")).Items);
        Assert.Empty((await client.CoreV1.ListNamespacedSecretAsync("default", labelSelector: "owner=helm")).Items);
        // Helm leaves CRDs from crds/ in place on uninstall, as on a real cluster.
        await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.test.aiguard.io");
        Assert.Equal(0, server.Metrics.Snapshot().Where(p => p.Key.Code >= 500).Sum(p => p.Value));
    }
}
