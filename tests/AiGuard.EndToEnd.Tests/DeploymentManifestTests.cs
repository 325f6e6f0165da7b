using System.Text.Json;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Tests.Clients;
using k8s;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The Helm chart and the kustomize manifests, checked with the real helm 4.1.4 and kubectl 1.35: they lint,
/// render, say the same thing, and install into an API server.
/// </summary>
public sealed class DeploymentManifestTests
{
    private static string Chart => Path.Combine(KubeClientTools.RepoRoot, "charts", "aiguard-operator");

    private static string ConfigDir => Path.Combine(KubeClientTools.RepoRoot, "config");

    [Fact]
    public async Task Chart_lints_and_renders_a_leader_elected_restricted_deployment_and_its_rbac()
    {
        using var session = new KubeClientSession();
        var lint = await session.HelmAsync("lint", Chart);
        Assert.True(lint.ExitCode == 0, lint.ToString());

        var objects = await RenderChartAsync(session);

        var deployment = Assert.Single(objects.OfType<V1Deployment>());
        Assert.Equal(2, deployment.Spec.Replicas);
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        Assert.Contains("--leader-elect", container.Args);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        AssertRestricted(deployment);
        Assert.Equal(2, objects.OfType<V1ClusterRole>().Count());
        Assert.Single(objects.OfType<V1Role>());
        Assert.Single(objects.OfType<V1PodDisruptionBudget>());
    }

    [Fact]
    public async Task Chart_and_kustomize_grant_the_same_rules_and_ship_the_same_crds()
    {
        using var session = new KubeClientSession();
        var chart = await RenderChartAsync(session);
        var kustomize = await KustomizeAsync(session);

        foreach (var name in new[] { "aiguard-operator", "aiguard-operator-delegable" })
        {
            var fromChart = chart.OfType<V1ClusterRole>().Single(r => r.Metadata.Name == "rel-" + name);
            var fromConfig = kustomize.OfType<V1ClusterRole>().Single(r => r.Metadata.Name == name);
            Assert.Equal(KubernetesJson.Serialize(fromConfig.Rules), KubernetesJson.Serialize(fromChart.Rules));
        }

        Assert.Equal(
            KubernetesJson.Serialize(kustomize.OfType<V1Role>().Single().Rules),
            KubernetesJson.Serialize(chart.OfType<V1Role>().Single().Rules));
        var configArgs = kustomize.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers[0].Args;
        var chartArgs = chart.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers[0].Args;
        Assert.Equal(configArgs, chartArgs);
        AssertRestricted(kustomize.OfType<V1Deployment>().Single());

        foreach (var crd in Directory.GetFiles(Path.Combine(ConfigDir, "crd", "bases"), "*.yaml"))
        {
            var copy = Path.Combine(Chart, "crds", Path.GetFileName(crd));
            Assert.True(File.Exists(copy), $"{copy} is missing: copy config/crd/bases into charts/aiguard-operator/crds");
            Assert.True(File.ReadAllText(crd) == File.ReadAllText(copy), $"{copy} differs from {crd}: copy it again");
        }
    }

    [Fact]
    public async Task Rendered_chart_pipes_into_aiguard_audit()
    {
        using var session = new KubeClientSession();
        var rendered = await session.HelmAsync("template", "rel", Chart, "-n", "aiguard-system");
        Assert.True(rendered.ExitCode == 0, rendered.ToString());
        var cli = Path.Combine(AppContext.BaseDirectory, "aiguard.dll");

        var audit = await session.RunAsync("dotnet", [cli, "audit", "-"], rendered.StdOut);

        Assert.True(audit.ExitCode == 0, audit.ToString());
        Assert.Contains("Deployment (1)", audit.StdOut + audit.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_refuses_two_replicas_without_leader_election()
    {
        using var session = new KubeClientSession();

        var run = await session.HelmAsync("template", "rel", Chart, "--set", "leaderElect=false");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("replicaCount > 1 needs leaderElect: true", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Helm_installs_the_chart_and_kubectl_applies_the_kustomization_into_an_api_server()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(90));
        session.WriteKubeconfig(sandbox.BaseAddress.ToString().TrimEnd('/'));

        // Both install paths exactly as docs/operations.md gives them, with their defaults.
        var install = await session.HelmAsync("install", "rel", Chart, "-n", "aiguard-helm", "--create-namespace");
        Assert.True(install.ExitCode == 0, install.ToString());
        var kustomize = await session.KubectlAsync("apply", "-k", Path.Combine(ConfigDir, "default"));
        Assert.True(kustomize.ExitCode == 0, kustomize.ToString());
        Assert.Contains("deployment.apps/aiguard-operator created", kustomize.StdOut, StringComparison.Ordinal);
        Assert.Contains("poddisruptionbudget.policy/aiguard-operator created", kustomize.StdOut, StringComparison.Ordinal);

        using var client = sandbox.CreateClient();
        var fromHelm = await client.AppsV1.ReadNamespacedDeploymentAsync("rel-aiguard-operator", "aiguard-helm");
        var fromKustomize = await client.AppsV1.ReadNamespacedDeploymentAsync("aiguard-operator", "aiguard-system");
        Assert.Equal(2, fromHelm.Spec.Replicas);
        Assert.Equal(2, fromKustomize.Spec.Replicas);
        Assert.Equal("1", (await client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("rel-aiguard-operator", "aiguard-helm")).Spec.MinAvailable?.Value);
        Assert.NotNull(await client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("aiguard-operator", "aiguard-system"));
        var crds = await client.ApiextensionsV1.ListCustomResourceDefinitionAsync();
        Assert.Contains(crds.Items, c => c.Metadata.Name == "modeldeployments.aiguard.io");
    }

    [Fact]
    public async Task Chart_with_every_optional_feature_on_passes_a_server_side_dry_run_with_no_unknown_kind()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(90));
        session.WriteKubeconfig(sandbox.BaseAddress.ToString().TrimEnd('/'));
        var values = Path.Combine(session.Directory, "everything-on.yaml");
        await File.WriteAllTextAsync(values, """
            replicaCount: 3
            leaderElect: true
            watchNamespaces: [ml-prod, ml-staging]
            logFormat: console
            imagePullSecrets: [{ name: registry-creds }]
            extraDelegableRules:
              - apiGroups: [""]
                resources: ["services"]
                verbs: ["get", "list"]
            podDisruptionBudget: { enabled: true, minAvailable: 2 }
            podAnnotations: { prometheus.io/scrape: "true" }
            nodeSelector: { kubernetes.io/os: linux }
            tolerations: [{ key: dedicated, operator: Equal, value: operators, effect: NoSchedule }]
            """);
        var rendered = await session.HelmAsync("template", "rel", Chart, "-n", "aiguard-system", "--include-crds", "-f", values);
        Assert.True(rendered.ExitCode == 0, rendered.ToString());
        var kinds = KubernetesYaml.LoadAllFromString(rendered.StdOut).Select(o => o.GetType().Name).Distinct().ToList();
        Assert.Contains(nameof(V1PodDisruptionBudget), kinds);
        Assert.True((await session.KubectlAsync("create", "namespace", "aiguard-system")).ExitCode == 0);

        var dryRun = await session.RunAsync(KubeClientTools.Kubectl, ["--cache-dir", session.CacheDir, "apply", "--dry-run=server", "-f", "-"], rendered.StdOut);

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.DoesNotContain("no matches for kind", dryRun.StdErr, StringComparison.Ordinal);
        var documents = rendered.StdOut.Split("\n---", StringSplitOptions.RemoveEmptyEntries).Count(d => d.Contains("kind:", StringComparison.Ordinal));
        Assert.Equal(documents, dryRun.StdOut.Split('\n').Count(l => l.EndsWith("(server dry run)", StringComparison.Ordinal)));
    }

    private static async Task<List<object>> RenderChartAsync(KubeClientSession session)
    {
        var run = await session.HelmAsync("template", "rel", Chart, "-n", "aiguard-system");
        Assert.True(run.ExitCode == 0, run.ToString());
        return KubernetesYaml.LoadAllFromString(run.StdOut);
    }

    private static async Task<List<object>> KustomizeAsync(KubeClientSession session)
    {
        var run = await session.KubectlAsync("kustomize", Path.Combine(ConfigDir, "default"));
        Assert.True(run.ExitCode == 0, run.ToString());
        return KubernetesYaml.LoadAllFromString(run.StdOut);
    }

    // The restricted Pod Security Standard, plus a read-only root filesystem.
    private static void AssertRestricted(V1Deployment deployment)
    {
        var pod = deployment.Spec.Template.Spec;
        var container = pod.Containers.Single();
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Null(container.SecurityContext.Privileged);
        Assert.DoesNotContain(pod.Volumes ?? [], v => v.HostPath is not null);
        _ = JsonSerializer.Serialize(pod.SecurityContext); // serializable as the API server stores it
    }
}
