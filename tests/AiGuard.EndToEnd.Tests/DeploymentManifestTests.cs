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
    private const string OperatorNamespace = "aiguard-system";
    private const string OperatorAccount = "aiguard-operator";

    private static readonly string[] AggregateLabels =
    [
        "rbac.authorization.k8s.io/aggregate-to-view", "rbac.authorization.k8s.io/aggregate-to-edit", "rbac.authorization.k8s.io/aggregate-to-admin",
    ];

    private static string Chart => InstallManifests.Chart;

    private static string ConfigDir => InstallManifests.ConfigDir;

    [Fact]
    public async Task Chart_lints_and_renders_a_leader_elected_restricted_deployment_and_its_rbac()
    {
        using var session = new KubeClientSession();
        var lint = await session.HelmAsync("lint", Chart);
        Assert.True(lint.ExitCode == 0, lint.ToString());

        var objects = await InstallManifests.RenderChartAsync(session);

        var deployment = Assert.Single(objects.OfType<V1Deployment>());
        Assert.Equal(2, deployment.Spec.Replicas);
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        Assert.Contains("--leader-elect", container.Args);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        AssertRestricted(deployment);
        Assert.Equal(
            ["rel-aiguard-operator", "rel-aiguard-operator-aggregate-admin", "rel-aiguard-operator-aggregate-edit", "rel-aiguard-operator-aggregate-view",
                "rel-aiguard-operator-delegable", "rel-aiguard-operator-namespaced"],
            objects.OfType<V1ClusterRole>().Select(r => r.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Single(objects.OfType<V1Role>());
        Assert.Single(objects.OfType<V1PodDisruptionBudget>());
    }

    [Fact]
    public async Task Chart_and_kustomize_grant_the_same_rules_and_ship_the_same_crds()
    {
        using var session = new KubeClientSession();
        var chart = await InstallManifests.RenderChartAsync(session);
        var kustomize = await InstallManifests.KustomizeAsync(session, "default");

        Assert.Equal(6, kustomize.OfType<V1ClusterRole>().Count());
        foreach (var fromConfig in kustomize.OfType<V1ClusterRole>())
        {
            var name = fromConfig.Metadata.Name;
            var fromChart = chart.OfType<V1ClusterRole>().Single(r => r.Metadata.Name == "rel-" + name);
            Assert.Equal(KubernetesJson.Serialize(fromConfig.Rules), KubernetesJson.Serialize(fromChart.Rules));
            Assert.Equal(
                fromConfig.Metadata.Labels.Keys.Where(AggregateLabels.Contains),
                fromChart.Metadata.Labels.Keys.Where(AggregateLabels.Contains));
        }

        Assert.Equal(
            kustomize.OfType<V1ClusterRoleBinding>().Select(b => "rel-" + b.RoleRef.Name).Order(StringComparer.Ordinal),
            chart.OfType<V1ClusterRoleBinding>().Select(b => b.RoleRef.Name).Order(StringComparer.Ordinal));

        // The same Role rules, but for the Lease's name: the chart's is the release's (two releases, two Leases).
        Assert.Equal(
            KubernetesJson.Serialize(kustomize.OfType<V1Role>().Single().Rules),
            KubernetesJson.Serialize(chart.OfType<V1Role>().Single().Rules).Replace("\"rel-aiguard-operator\"", "\"aiguard-operator\"", StringComparison.Ordinal));
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

    [Theory]
    [InlineData(false, true)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(true, false)]
    public async Task Chart_binds_namespaced_and_delegable_rights_per_watched_namespace_and_aggregates_on_request(bool watchNamespaces, bool aggregatedRoles)
    {
        using var session = new KubeClientSession();
        string[] watched = watchNamespaces ? ["ml-prod", "ml-dev"] : [];
        string[] values = [$"rbac.aggregatedRoles={aggregatedRoles.ToString().ToLowerInvariant()}", .. watchNamespaces ? new[] { "watchNamespaces={ml-prod,ml-dev,ml-prod}" } : []];
        var lint = await session.HelmAsync(["lint", Chart, .. values.SelectMany(v => new[] { "--set", v })]);
        Assert.True(lint.ExitCode == 0, lint.ToString());

        var objects = await InstallManifests.RenderChartAsync(session, values);

        var args = objects.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers[0].Args;
        Assert.Equal(watched.Select(ns => "--namespace=" + ns), args.Where(a => a.StartsWith("--namespace", StringComparison.Ordinal)));
        AssertOperatorGrants(objects, "rel-", watched);
        var aggregated = objects.OfType<V1ClusterRole>().Where(r => r.Metadata.Labels.Keys.Any(AggregateLabels.Contains)).ToList();
        Assert.Equal(aggregatedRoles ? 3 : 0, aggregated.Count);
        Assert.All(aggregated, r => Assert.StartsWith("rel-aiguard-operator-aggregate-", r.Metadata.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kustomize_default_binds_everything_cluster_wide_and_the_overlay_only_in_its_namespaces()
    {
        using var session = new KubeClientSession();

        AssertOperatorGrants(await InstallManifests.KustomizeAsync(session, "default"), "", []);
        var overlay = await InstallManifests.KustomizeAsync(session, Path.Combine("overlays", "watch-namespaces"));

        string[] watched = ["ml-prod", "ml-staging"];
        AssertOperatorGrants(overlay, "", watched);
        var args = overlay.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers[0].Args;
        Assert.Equal(watched.Select(ns => "--namespace=" + ns), args.Where(a => a.StartsWith("--namespace", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_aggregated_roles_let_namespace_admins_but_not_editors_waive_findings()
    {
        using var session = new KubeClientSession();
        var kustomize = await InstallManifests.KustomizeAsync(session, "default");
        var exception = new V1PolicyRule { ApiGroups = ["aiguard.io"], Resources = ["guardexceptions"], Verbs = ["create", "update", "patch", "delete"] };
        var model = new V1PolicyRule { ApiGroups = ["aiguard.io"], Resources = ["modeldeployments"], Verbs = ["create", "update", "patch", "delete"] };
        var policy = new V1PolicyRule { ApiGroups = ["aiguard.io"], Resources = ["guardpolicies"], Verbs = ["get"] };
        List<V1PolicyRule> AggregatedTo(string role) => [.. kustomize.OfType<V1ClusterRole>()
            .Where(r => r.Metadata.Labels.TryGetValue("rbac.authorization.k8s.io/aggregate-to-" + role, out var on) && on == "true")
            .SelectMany(r => r.Rules)];

        // The built-in admin role aggregates edit and view as well, editors aggregate view.
        var view = AggregatedTo("view");
        var edit = view.Concat(AggregatedTo("edit")).ToList();
        var admin = edit.Concat(AggregatedTo("admin")).ToList();

        Assert.True(OperatorGrants.Covers(admin, exception));
        Assert.True(OperatorGrants.Covers(edit, model));
        Assert.False(OperatorGrants.Covers(edit, exception));
        Assert.False(OperatorGrants.Covers(view, model));
        Assert.All(new[] { view, edit, admin }, rules => Assert.False(OperatorGrants.Covers(rules, policy)));
    }

    [Fact]
    public async Task Neither_install_owns_a_namespace_or_a_crd_so_uninstalling_cannot_delete_them()
    {
        using var session = new KubeClientSession();

        var chart = await InstallManifests.RenderChartAsync(session, "watchNamespaces={ml-prod}");
        var kustomize = await InstallManifests.KustomizeAsync(session, "default");
        var overlay = await InstallManifests.KustomizeAsync(session, Path.Combine("overlays", "watch-namespaces"));

        foreach (var objects in new[] { chart, kustomize, overlay })
        {
            Assert.DoesNotContain(objects, o => o is V1Namespace or V1CustomResourceDefinition);
        }

        Assert.Single(await InstallManifests.KustomizeAsync(session, "namespace"), o => o is V1Namespace { Metadata.Name: OperatorNamespace });
        Assert.Equal(3, (await InstallManifests.KustomizeAsync(session, "crd")).OfType<V1CustomResourceDefinition>().Count());
    }

    [Theory]
    [InlineData("watchNamespaces={ML_Prod}", "watchNamespaces[0] \"ML_Prod\" is not a namespace name")]
    [InlineData("watchNamespaces={ml-prod,-x}", "watchNamespaces[1] \"-x\" is not a namespace name")]
    public async Task Chart_refuses_a_watched_namespace_that_is_not_a_namespace_name(string value, string message)
    {
        using var session = new KubeClientSession();

        await InstallManifests.ChartRefusesAsync(session, value, message);
    }

    // What the operator's ServiceAccount may do, and where: cluster-wide only the cluster-scoped reads and GuardPolicy
    // status; children, Secrets and the delegable ceiling where it watches; Lease and sealing keys only in its own
    // namespace. An attacker with one ModelDeployment gains nothing from the operator outside the watched namespaces.
    // The chart names the ServiceAccount and the Lease after the release (prefix), kustomize uses the bare names.
    private static void AssertOperatorGrants(List<object> objects, string prefix, string[] watched)
    {
        var grants = new OperatorGrants(objects, prefix + OperatorAccount, OperatorNamespace);
        string[] everywhere = [OperatorGrants.Cluster];
        var watchedScopes = watched.Length == 0 ? everywhere : watched.Order(StringComparer.Ordinal).ToArray();

        Assert.DoesNotContain(grants.Rules, g => (g.Rule.Verbs ?? []).Intersect(["*", "bind", "escalate", "impersonate"]).Any());
        Assert.DoesNotContain(grants.Rules, g => (g.Rule.ApiGroups ?? []).Contains("*") || (g.Rule.Resources ?? []).Contains("*"));
        Assert.Equal(everywhere, grants.ScopesAllowing("aiguard.io", "guardpolicies", "watch"));
        Assert.Equal(everywhere, grants.ScopesAllowing("", "namespaces", "list"));
        Assert.Equal(everywhere, grants.ScopesAllowing("rbac.authorization.k8s.io", "clusterrolebindings", "watch"));
        Assert.Empty(grants.ScopesAllowing("rbac.authorization.k8s.io", "clusterrolebindings", "create"));
        Assert.Empty(grants.ScopesAllowing("", "secrets", "get"));
        Assert.Empty(grants.ScopesAllowing("", "secrets", "update"));
        Assert.Empty(grants.ScopesAllowing("", "namespaces", "delete"));
        Assert.Equal(watchedScopes, grants.ScopesAllowing("", "secrets", "watch"));
        Assert.Equal(watchedScopes, grants.ScopesAllowing("aiguard.io", "modeldeployments", "watch"));
        Assert.Equal(watchedScopes, grants.ScopesAllowing("rbac.authorization.k8s.io", "roles", "create"));
        Assert.Equal(watchedScopes, grants.ScopesAllowing("", "pods", "list")); // the delegable ceiling and the shadow-AI scan
        Assert.Equal(watchedScopes, grants.ScopesAllowing("apps", "statefulsets", "list")); // the shadow-AI scan
        Assert.Equal(watchedScopes, grants.ScopesAllowing("apps", "daemonsets", "list"));
        Assert.Equal(watchedScopes, grants.ScopesAllowing("batch", "jobs", "list")); // the shadow-AI scan's Jobs and CronJobs
        Assert.Equal(watchedScopes, grants.ScopesAllowing("batch", "cronjobs", "list"));
        Assert.Empty(grants.ScopesAllowing("apps", "statefulsets", "watch"));
        Assert.Empty(grants.ScopesAllowing("batch", "jobs", "watch"));
        Assert.Empty(grants.ScopesAllowing("batch", "jobs", "create"));
        Assert.Equal([.. watchedScopes.Append(OperatorNamespace).Order(StringComparer.Ordinal)], grants.ScopesAllowing("", "secrets", "list"));
        Assert.Equal([.. watchedScopes.Append(OperatorNamespace).Order(StringComparer.Ordinal)], grants.ScopesAllowing("coordination.k8s.io", "leases", "create"));
        Assert.True(grants.Allows(OperatorNamespace, new V1PolicyRule
        {
            ApiGroups = ["coordination.k8s.io"],
            Resources = ["leases"],
            ResourceNames = [prefix + "aiguard-operator"],
            Verbs = ["get", "update"],
        }));
        Assert.True(grants.Allows(OperatorNamespace, new V1PolicyRule
        {
            ApiGroups = [""],
            Resources = ["configmaps"],
            ResourceNames = ["aiguard-sealing-cert"],
            Verbs = ["get", "update"],
        }));
        Assert.True(grants.Allows(OperatorNamespace, new V1PolicyRule { ApiGroups = [""], Resources = ["secrets"], Verbs = ["list", "create"] }));

        var bindings = objects.OfType<V1RoleBinding>().Where(b => b.RoleRef.Kind == "ClusterRole").ToList();
        Assert.Equal(
            watched.SelectMany(ns => new[] { $"{ns}/{prefix}aiguard-operator-delegable", $"{ns}/{prefix}aiguard-operator-namespaced" }).Order(StringComparer.Ordinal),
            bindings.Select(b => $"{b.Metadata.NamespaceProperty}/{b.RoleRef.Name}").Order(StringComparer.Ordinal));
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
