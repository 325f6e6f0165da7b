using AiGuard.Sandbox;
using AiGuard.Sandbox.Tests.Clients;
using k8s;

namespace AiGuard.EndToEnd.Tests;

/// <summary>The Helm chart and the kustomize directories as helm 4.1.4 and kubectl 1.35 render them.</summary>
internal static class InstallManifests
{
    public static string Chart => Path.Combine(KubeClientTools.RepoRoot, "charts", "aiguard-operator");

    public static string ConfigDir => Path.Combine(KubeClientTools.RepoRoot, "config");

    /// <summary>A kubectl/helm session whose kubeconfig points at <paramref name="sandbox"/>.</summary>
    public static KubeClientSession SessionFor(SandboxServer sandbox)
    {
        var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(90));
        session.WriteKubeconfig(sandbox);
        return session;
    }

    /// <summary>The chart rendered as release <c>rel</c> in <c>aiguard-system</c>, with <c>--set</c> values.</summary>
    public static async Task<List<object>> RenderChartAsync(KubeClientSession session, params string[] setValues)
    {
        var run = await session.HelmAsync(["template", "rel", Chart, "-n", "aiguard-system", .. setValues.SelectMany(v => new[] { "--set", v })]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return KubernetesYaml.LoadAllFromString(run.StdOut);
    }

    /// <summary>
    /// Renders the chart with one <c>--set</c> value (commas separate several) that must be refused, and returns
    /// helm's error output, which must contain <paramref name="message"/>.
    /// </summary>
    public static async Task<string> ChartRefusesAsync(KubeClientSession session, string setValue, string message)
    {
        var run = await session.HelmAsync("template", "rel", Chart, "--set", setValue);
        Assert.True(run.ExitCode != 0, $"helm template --set {setValue} rendered instead of failing");
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("kind: Deployment", run.StdOut, StringComparison.Ordinal);
        return run.StdErr;
    }

    /// <summary>A config/ directory (e.g. <c>default</c>, <c>overlays/watch-namespaces</c>) as objects.</summary>
    public static async Task<List<object>> KustomizeAsync(KubeClientSession session, string directory) =>
        KubernetesYaml.LoadAllFromString(await KustomizeYamlAsync(session, directory));

    /// <summary>A config/ directory as YAML, as <c>kubectl apply -k</c> and <c>kubectl delete -k</c> send it.</summary>
    public static async Task<string> KustomizeYamlAsync(KubeClientSession session, string directory)
    {
        var run = await session.KubectlAsync("kustomize", Path.Combine(ConfigDir, directory));
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.StdOut;
    }

    /// <summary>Runs kubectl 1.35 with YAML on stdin and asserts it succeeded.</summary>
    public static async Task<ClientRun> KubectlWithInputAsync(KubeClientSession session, string yaml, params string[] arguments)
    {
        var run = await session.RunAsync(KubeClientTools.Kubectl, ["--cache-dir", session.CacheDir, .. arguments], yaml);
        Assert.True(run.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed\n{run}");
        return run;
    }
}
