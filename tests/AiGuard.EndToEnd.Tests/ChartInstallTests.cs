using System.Net;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Tests.Clients;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The chart installed, upgraded, tested and uninstalled with the real helm 4.1.4 against the sandbox API server.
/// </summary>
public sealed class ChartInstallTests
{
    private static readonly string[] AiGuardCrds = ["guardexceptions.aiguard.io", "guardpolicies.aiguard.io", "modeldeployments.aiguard.io"];

    [Fact]
    public async Task Two_releases_watching_disjoint_namespaces_install_upgrade_and_uninstall_side_by_side()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);
        await InstallMonitoringCrdsAsync(session);
        foreach (var ns in new[] { "ml-a", "ml-b" })
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }

        string[] monitoring = ["--set", "metrics.serviceMonitor.enabled=true", "--set", "metrics.prometheusRule.enabled=true", "--set", "metrics.dashboard.enabled=true"];

        await HelmOkAsync(session, ["install", "team-a", InstallManifests.Chart, "-n", "team-a-system", "--create-namespace", "--set", "watchNamespaces={ml-a}", .. monitoring]);
        await HelmOkAsync(session, ["install", "team-b", InstallManifests.Chart, "-n", "team-b-system", "--create-namespace", "--set", "watchNamespaces={ml-b}", .. monitoring]);

        var a = await ReleaseObjectsAsync(client, "team-a");
        var b = await ReleaseObjectsAsync(client, "team-b");
        Assert.Equal(6, a.ClusterRoles.Count);
        Assert.Empty(a.ClusterRoles.Intersect(b.ClusterRoles));
        Assert.Single(a.ClusterRoleBindings);
        Assert.Empty(a.ClusterRoleBindings.Intersect(b.ClusterRoleBindings));
        Assert.Equal("team-a-aiguard-operator", await LeaseNameAsync(client, "team-a-system", "team-a-aiguard-operator"));
        Assert.Equal("team-b-aiguard-operator", await LeaseNameAsync(client, "team-b-system", "team-b-aiguard-operator"));
        var bindingA = await client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("team-a-aiguard-operator-namespaced", "ml-a");
        Assert.Equal("team-a-aiguard-operator", Assert.Single(bindingA.Subjects).Name);
        await AssertGoneAsync(() => client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("team-a-aiguard-operator-namespaced", "ml-b"));
        var monitors = await session.KubectlAsync("get", "servicemonitors,prometheusrules,configmaps", "-n", "team-a-system", "-l", "app.kubernetes.io/instance=team-a", "-o", "name");
        Assert.True(monitors.ExitCode == 0, monitors.ToString());
        Assert.Equal(
            ["configmap/team-a-aiguard-operator-dashboard", "prometheusrule.monitoring.coreos.com/team-a-aiguard-operator", "servicemonitor.monitoring.coreos.com/team-a-aiguard-operator"],
            monitors.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

        await HelmOkAsync(session, ["upgrade", "team-a", InstallManifests.Chart, "-n", "team-a-system", "--reuse-values", "--set", "workers=8"]);
        var upgraded = await client.AppsV1.ReadNamespacedDeploymentAsync("team-a-aiguard-operator", "team-a-system");
        Assert.Equal("8", upgraded.Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == "AIGUARD_WORKERS").Value);
        await HelmOkAsync(session, "uninstall", "team-a", "-n", "team-a-system", "--wait");

        Assert.Empty((await ReleaseObjectsAsync(client, "team-a")).ClusterRoles);
        Assert.Equal(b.ClusterRoles, (await ReleaseObjectsAsync(client, "team-b")).ClusterRoles);
        Assert.NotNull(await client.AppsV1.ReadNamespacedDeploymentAsync("team-b-aiguard-operator", "team-b-system"));
        await AssertCrdsRemainAsync(client);
    }

    [Fact]
    public async Task Crds_installed_as_release_objects_are_kept_by_helm_uninstall()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);

        await HelmOkAsync(session, ["install", "rel", InstallManifests.Chart, "-n", "aiguard-system", "--create-namespace", "--skip-crds", "--set", "crds.install=true"]);

        foreach (var name in AiGuardCrds)
        {
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
            Assert.Equal("keep", crd.Metadata.Annotations["helm.sh/resource-policy"]);
            Assert.Equal("rel", crd.Metadata.Annotations["meta.helm.sh/release-name"]);
        }

        await HelmOkAsync(session, ["upgrade", "rel", InstallManifests.Chart, "-n", "aiguard-system", "--reuse-values"]);
        await HelmOkAsync(session, "uninstall", "rel", "-n", "aiguard-system", "--wait");

        await AssertGoneAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("rel-aiguard-operator", "aiguard-system"));
        await AssertCrdsRemainAsync(client);
    }

    [Fact]
    public async Task Crds_install_without_skip_crds_fails_before_changing_anything_and_says_why()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);

        var run = await session.HelmAsync(["install", "rel", InstallManifests.Chart, "-n", "aiguard-system", "--create-namespace", "--set", "crds.install=true"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("CustomResourceDefinition", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("invalid ownership metadata", run.StdErr, StringComparison.Ordinal);
        await AssertGoneAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("rel-aiguard-operator", "aiguard-system"));
    }

    [Fact]
    public async Task Helm_test_creates_the_readyz_pod_in_the_release_namespace()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);
        await HelmOkAsync(session, ["install", "rel", InstallManifests.Chart, "-n", "aiguard-system", "--create-namespace"]);

        // The sandbox runs no pods, so the test Pod never finishes: helm test times out, but it must have created it.
        var run = await session.HelmAsync("test", "rel", "-n", "aiguard-system", "--timeout", "3s");

        var pod = await client.CoreV1.ReadNamespacedPodAsync("rel-aiguard-operator-test-readyz", "aiguard-system");
        Assert.Equal("test", pod.Metadata.Annotations["helm.sh/hook"]);
        Assert.False(pod.Spec.AutomountServiceAccountToken);
        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public async Task Helm_installs_the_chart_and_kubectl_applies_the_kustomization_with_their_defaults()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);

        // Both install paths exactly as docs/operations.md gives them, with their defaults.
        await HelmOkAsync(session, "install", "rel", InstallManifests.Chart, "-n", "aiguard-helm", "--create-namespace");
        foreach (var directory in new[] { "crd", "namespace" })
        {
            var applied = await session.KubectlAsync("apply", "-k", Path.Combine(InstallManifests.ConfigDir, directory));
            Assert.True(applied.ExitCode == 0, applied.ToString());
        }

        var kustomize = await session.KubectlAsync("apply", "-k", Path.Combine(InstallManifests.ConfigDir, "default"));
        Assert.True(kustomize.ExitCode == 0, kustomize.ToString());
        Assert.Contains("deployment.apps/aiguard-operator created", kustomize.StdOut, StringComparison.Ordinal);
        Assert.Contains("poddisruptionbudget.policy/aiguard-operator created", kustomize.StdOut, StringComparison.Ordinal);

        Assert.Equal(2, (await client.AppsV1.ReadNamespacedDeploymentAsync("rel-aiguard-operator", "aiguard-helm")).Spec.Replicas);
        Assert.Equal(2, (await client.AppsV1.ReadNamespacedDeploymentAsync("aiguard-operator", "aiguard-system")).Spec.Replicas);
        Assert.Equal("1", (await client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("rel-aiguard-operator", "aiguard-helm")).Spec.MinAvailable?.Value);
        Assert.NotNull(await client.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync("aiguard-operator", "aiguard-system"));
    }

    [Fact]
    public async Task Chart_with_every_optional_feature_on_passes_a_server_side_dry_run_with_no_unknown_kind()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        using var session = InstallManifests.SessionFor(sandbox);
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
        var rendered = await session.HelmAsync("template", "rel", InstallManifests.Chart, "-n", "aiguard-system", "--include-crds", "-f", values);
        Assert.True(rendered.ExitCode == 0, rendered.ToString());
        var kinds = KubernetesYaml.LoadAllFromString(rendered.StdOut).Select(o => o.GetType().Name).Distinct().ToList();
        Assert.Contains(nameof(V1PodDisruptionBudget), kinds);
        foreach (var ns in new[] { "aiguard-system", "ml-prod", "ml-staging" })
        {
            Assert.True((await session.KubectlAsync("create", "namespace", ns)).ExitCode == 0);
        }

        var dryRun = await session.RunAsync(KubeClientTools.Kubectl, ["--cache-dir", session.CacheDir, "apply", "--dry-run=server", "-f", "-"], rendered.StdOut);

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.DoesNotContain("no matches for kind", dryRun.StdErr, StringComparison.Ordinal);
        var documents = rendered.StdOut.Split("\n---", StringSplitOptions.RemoveEmptyEntries).Count(d => d.Contains("kind:", StringComparison.Ordinal));
        Assert.Equal(documents, dryRun.StdOut.Split('\n').Count(l => l.EndsWith("(server dry run)", StringComparison.Ordinal)));
    }

    private static async Task InstallMonitoringCrdsAsync(KubeClientSession session)
    {
        var crds = Path.Combine(KubeClientTools.RepoRoot, "tests", "AiGuard.EndToEnd.Tests", "Fixtures", "monitoring-coreos-crds.yaml");
        var applied = await session.KubectlAsync("apply", "-f", crds);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var established = await session.KubectlAsync("wait", "--for=condition=Established", "--timeout=60s", "crd/servicemonitors.monitoring.coreos.com", "crd/prometheusrules.monitoring.coreos.com");
        Assert.True(established.ExitCode == 0, established.ToString());
    }

    private static async Task HelmOkAsync(KubeClientSession session, params string[] arguments)
    {
        var run = await session.HelmAsync(arguments);
        Assert.True(run.ExitCode == 0, $"helm {string.Join(' ', arguments)}\n{run}");
    }

    private static async Task<(List<string> ClusterRoles, List<string> ClusterRoleBindings)> ReleaseObjectsAsync(Kubernetes client, string release)
    {
        var selector = "app.kubernetes.io/instance=" + release;
        var roles = await client.RbacAuthorizationV1.ListClusterRoleAsync(labelSelector: selector);
        var bindings = await client.RbacAuthorizationV1.ListClusterRoleBindingAsync(labelSelector: selector);
        return ([.. roles.Items.Select(r => r.Metadata.Name).Order(StringComparer.Ordinal)], [.. bindings.Items.Select(b => b.Metadata.Name).Order(StringComparer.Ordinal)]);
    }

    // The Lease the Deployment's replicas elect with, checked against the one Lease its Role lets them update.
    private static async Task<string> LeaseNameAsync(Kubernetes client, string ns, string fullname)
    {
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(fullname, ns);
        var lease = deployment.Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == "AIGUARD_LEASE_NAME").Value;
        var role = await client.RbacAuthorizationV1.ReadNamespacedRoleAsync(fullname, ns);
        Assert.Equal([lease], role.Rules.Single(r => r.Resources.Contains("leases") && r.Verbs.Contains("update")).ResourceNames);
        return lease;
    }

    private static async Task AssertCrdsRemainAsync(Kubernetes client)
    {
        var crds = await client.ApiextensionsV1.ListCustomResourceDefinitionAsync();
        Assert.Equal(AiGuardCrds, crds.Items.Select(c => c.Metadata.Name).Where(n => n.EndsWith(".aiguard.io", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(crds.Items, c => Assert.Null(c.Metadata.DeletionTimestamp));
    }

    private static async Task AssertGoneAsync<T>(Func<Task<T>> read)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(read);
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }
}
