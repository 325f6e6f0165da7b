using System.Text.Json.Nodes;
using AiGuard.Sandbox.Tests.Clients;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// What each chart value renders, with the real helm 4.1.4, and what values.schema.json refuses before anything is
/// rendered: a typo or a weakened security setting fails the install naming the value instead of being ignored.
/// </summary>
public sealed class ChartValuesTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>Every optional feature on at once.</summary>
    public static readonly string[] EverythingOn =
    [
        "crds.install=true", "crds.keep=false", "metrics.serviceMonitor.enabled=true", "metrics.prometheusRule.enabled=true",
        "metrics.dashboard.enabled=true", "watchNamespaces={ml-prod,ml-dev}", "image.digest=" + Digest, "priorityClassName=system-cluster-critical",
        "serviceAccount.annotations.team=ml", "podLabels.team=ml", "podAnnotations.team=ml", "nameOverride=guard", "extraDelegableRules[0].apiGroups={batch}",
        "extraDelegableRules[0].resources={jobs}", "extraDelegableRules[0].verbs={get,list}", "topologySpreadConstraints[0].maxSkew=1",
        "topologySpreadConstraints[0].topologyKey=topology.kubernetes.io/zone", "topologySpreadConstraints[0].whenUnsatisfiable=ScheduleAnyway",
    ];

    private static string Chart => InstallManifests.Chart;

    [Fact]
    public async Task Chart_lints_strictly_with_defaults_and_with_every_optional_feature_on()
    {
        using var session = new KubeClientSession();

        var defaults = await session.HelmAsync("lint", "--strict", Chart);
        var everything = await session.HelmAsync(["lint", "--strict", Chart, .. EverythingOn.SelectMany(v => new[] { "--set", v })]);

        Assert.True(defaults.ExitCode == 0, defaults.ToString());
        Assert.True(everything.ExitCode == 0, everything.ToString());
        var rendered = await RenderedChart.RenderAsync(session, EverythingOn);
        Assert.Equal(3, rendered.OfKind("CustomResourceDefinition").Count());
        Assert.Single(rendered.OfKind("ServiceMonitor"));
        Assert.Single(rendered.OfKind("PrometheusRule"));
        Assert.Single(rendered.OfKind("ConfigMap"), c => c["metadata"]!["labels"]!["grafana_dashboard"]!.GetValue<string>() == "1");
    }

    [Theory]
    [InlineData("foo=bar", "additional properties 'foo' not allowed")]
    [InlineData("image.tagg=1.0", "at '/image': additional properties 'tagg' not allowed")]
    [InlineData("metrics.serviceMonitor.enable=true", "at '/metrics/serviceMonitor': additional properties 'enable' not allowed")]
    [InlineData("replicaCount=two", "at '/replicaCount': got string, want integer")]
    [InlineData("leaderElect=yes", "at '/leaderElect': got string, want boolean")]
    [InlineData("image.pullPolicy=Sometimes", "at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'")]
    [InlineData("logFormat=xml", "at '/logFormat': value must be one of 'json', 'console'")]
    [InlineData("replicaCount=0", "at '/replicaCount': minimum: got 0, want 1")]
    [InlineData("workers=-1", "at '/workers': minimum: got -1, want 0")]
    [InlineData("workers=65", "at '/workers': maximum: got 65, want 64")]
    [InlineData("metricsPort=65536", "at '/metricsPort': maximum")]
    [InlineData("healthPort=0", "at '/healthPort': minimum: got 0, want 1")]
    [InlineData("image.digest=latest", "at '/image/digest'")]
    [InlineData("fullnameOverride=Bad_Name", "at '/fullnameOverride'")]
    [InlineData("metrics.serviceMonitor.interval=often", "at '/metrics/serviceMonitor/interval'")]
    public async Task Schema_refuses_unknown_keys_wrong_types_and_out_of_range_values_naming_the_value(string value, string message)
    {
        using var session = new KubeClientSession();

        var error = await InstallManifests.ChartRefusesAsync(session, value, message);

        Assert.Contains("values don't meet the specifications of the schema", error, StringComparison.Ordinal);
    }

    // An admin's values may tune the security context but never make the operator privileged or root, nor let it
    // hand out wildcards or bind/escalate/impersonate through its delegable ceiling.
    [Theory]
    [InlineData("securityContext.privileged=true", "at '/securityContext/privileged': value must be false")]
    [InlineData("securityContext.allowPrivilegeEscalation=true", "at '/securityContext/allowPrivilegeEscalation': value must be false")]
    [InlineData("securityContext.capabilities.drop={NET_RAW}", "at '/securityContext/capabilities/drop'")]
    [InlineData("securityContext.capabilities.add={SYS_ADMIN}", "at '/securityContext/capabilities/add/0'")]
    [InlineData("podSecurityContext.runAsNonRoot=false", "at '/podSecurityContext/runAsNonRoot': value must be true")]
    [InlineData("podSecurityContext.runAsNonRoot=null", "at '/podSecurityContext': missing property 'runAsNonRoot'")]
    [InlineData("podSecurityContext.runAsUser=0", "at '/podSecurityContext/runAsUser': minimum: got 0, want 1")]
    [InlineData("podSecurityContext.seccompProfile.type=Unconfined", "at '/podSecurityContext/seccompProfile/type'")]
    [InlineData("podSecurityContext.sysctls[0].name=kernel.msgmax", "at '/podSecurityContext': additional properties 'sysctls' not allowed")]
    [InlineData("extraDelegableRules[0].apiGroups={},extraDelegableRules[0].resources={secrets},extraDelegableRules[0].verbs={*}", "at '/extraDelegableRules/0/verbs/0'")]
    [InlineData("extraDelegableRules[0].apiGroups={},extraDelegableRules[0].resources={*},extraDelegableRules[0].verbs={get}", "at '/extraDelegableRules/0/resources/0'")]
    [InlineData("extraDelegableRules[0].apiGroups={rbac.authorization.k8s.io},extraDelegableRules[0].resources={roles},extraDelegableRules[0].verbs={escalate}", "at '/extraDelegableRules/0/verbs/0'")]
    public async Task Schema_refuses_values_that_would_weaken_the_operator(string value, string message)
    {
        using var session = new KubeClientSession();

        await InstallManifests.ChartRefusesAsync(session, value, message);
    }

    [Theory]
    [InlineData("serviceAccount.create=false", "serviceAccount.name must name an existing ServiceAccount when serviceAccount.create is false")]
    [InlineData("healthPort=9000,metricsPort=9000", "healthPort and metricsPort must differ, both are 9000")]
    public async Task Chart_refuses_values_that_cannot_work_together_saying_which(string value, string message)
    {
        using var session = new KubeClientSession();

        await InstallManifests.ChartRefusesAsync(session, value, message);
    }

    [Fact]
    public async Task Name_overrides_rename_every_object_the_lease_and_the_service_account()
    {
        using var session = new KubeClientSession();

        var byName = await RenderedChart.RenderAsync(session, "nameOverride=guard");
        var byFullname = await RenderedChart.RenderAsync(session, "fullnameOverride=team-a-guard");
        var releaseContainsName = await RenderedChart.RenderReleaseAsync(session, "aiguard-operator", "aiguard-system");

        Assert.All(byName.Objects, o => Assert.StartsWith("rel-guard", (string?)o["metadata"]!["name"], StringComparison.Ordinal));
        Assert.All(byName.Objects, o => Assert.Equal("guard", (string?)o["metadata"]!["labels"]!["app.kubernetes.io/name"]));
        Assert.All(byFullname.Objects, o => Assert.StartsWith("team-a-guard", (string?)o["metadata"]!["name"], StringComparison.Ordinal));
        Assert.Equal("team-a-guard", LeaseName(byFullname));
        Assert.Equal("team-a-guard", byFullname.Typed<V1Deployment>("Deployment").Spec.Template.Spec.ServiceAccountName);
        Assert.Equal(["team-a-guard"], byFullname.Typed<V1Role>("Role").Rules.Single(r => r.Resources.Contains("leases") && r.ResourceNames is not null).ResourceNames);
        // A release named like the chart keeps the kustomize names.
        Assert.Equal("aiguard-operator", LeaseName(releaseContainsName));
        Assert.Equal("aiguard-operator", releaseContainsName.Typed<V1ServiceAccount>("ServiceAccount").Metadata.Name);
    }

    [Fact]
    public async Task An_existing_service_account_is_bound_and_not_created_and_a_created_one_carries_its_annotations()
    {
        using var session = new KubeClientSession();

        var existing = await RenderedChart.RenderAsync(session, "serviceAccount.create=false", "serviceAccount.name=platform-operator", "watchNamespaces={ml-prod}");
        var created = await RenderedChart.RenderAsync(session, "serviceAccount.annotations.iam\\.gke\\.io/gcp-service-account=op@p.iam.gserviceaccount.com");

        Assert.Empty(existing.OfKind("ServiceAccount"));
        Assert.Equal("platform-operator", existing.Typed<V1Deployment>("Deployment").Spec.Template.Spec.ServiceAccountName);
        var subjects = existing.OfKind("RoleBinding").Concat(existing.OfKind("ClusterRoleBinding")).SelectMany(b => b["subjects"]!.AsArray()).ToList();
        Assert.NotEmpty(subjects);
        Assert.All(subjects, s => Assert.Equal("platform-operator", (string?)s!["name"]));
        var account = created.Typed<V1ServiceAccount>("ServiceAccount");
        Assert.Equal("rel-aiguard-operator", account.Metadata.Name);
        Assert.Equal("op@p.iam.gserviceaccount.com", account.Metadata.Annotations["iam.gke.io/gcp-service-account"]);
    }

    [Fact]
    public async Task Security_context_overrides_merge_over_the_restricted_defaults_and_openshift_drops_the_fixed_uid()
    {
        using var session = new KubeClientSession();

        var defaults = (await RenderedChart.RenderAsync(session)).Typed<V1Deployment>("Deployment").Spec.Template.Spec;
        var openShift = (await RenderedChart.RenderAsync(session, "podSecurityContext.runAsUser=null", "podSecurityContext.runAsGroup=null", "podSecurityContext.fsGroup=null"))
            .Typed<V1Deployment>("Deployment").Spec.Template.Spec;
        var tuned = (await RenderedChart.RenderAsync(session, "podSecurityContext.fsGroupChangePolicy=OnRootMismatch", "securityContext.runAsUser=1000650000"))
            .Typed<V1Deployment>("Deployment").Spec.Template.Spec;

        Assert.Equal(65532, defaults.SecurityContext.RunAsUser);
        Assert.Null(openShift.SecurityContext.RunAsUser);
        Assert.Null(openShift.SecurityContext.RunAsGroup);
        Assert.Null(openShift.SecurityContext.FsGroup);
        Assert.True(openShift.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", openShift.SecurityContext.SeccompProfile.Type);
        Assert.Equal("OnRootMismatch", tuned.SecurityContext.FsGroupChangePolicy);
        Assert.Equal(65532, tuned.SecurityContext.RunAsUser);
        Assert.Equal(1000650000, tuned.Containers[0].SecurityContext.RunAsUser);
        foreach (var pod in new[] { defaults, openShift, tuned })
        {
            var container = pod.Containers.Single().SecurityContext;
            Assert.False(container.AllowPrivilegeEscalation);
            Assert.True(container.ReadOnlyRootFilesystem);
            Assert.Equal(["ALL"], container.Capabilities.Drop);
        }
    }

    [Fact]
    public async Task Scheduling_values_labels_annotations_and_the_image_digest_reach_the_pod()
    {
        using var session = new KubeClientSession();

        var defaults = (await RenderedChart.RenderAsync(session)).Typed<V1Deployment>("Deployment");
        var deployment = (await RenderedChart.RenderAsync(session,
            "priorityClassName=system-cluster-critical", "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key=pool",
            "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator=Exists",
            "topologySpreadConstraints[0].maxSkew=1", "topologySpreadConstraints[0].topologyKey=topology.kubernetes.io/zone",
            "topologySpreadConstraints[0].whenUnsatisfiable=DoNotSchedule", "podAnnotations.checksum=abc", "podLabels.team=ml",
            "podLabels.app\\.kubernetes\\.io/instance=someone-else", "image.tag=9.9.9", "image.digest=" + Digest)).Typed<V1Deployment>("Deployment");

        Assert.Null(defaults.Spec.Template.Spec.PriorityClassName);
        Assert.NotNull(defaults.Spec.Template.Spec.Affinity.PodAntiAffinity);
        Assert.StartsWith("ghcr.io/aiguard/aiguard-operator:", defaults.Spec.Template.Spec.Containers[0].Image, StringComparison.Ordinal);
        var pod = deployment.Spec.Template;
        Assert.Equal("system-cluster-critical", pod.Spec.PriorityClassName);
        Assert.Null(pod.Spec.Affinity.PodAntiAffinity);
        Assert.Equal("pool", pod.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms[0].MatchExpressions[0].Key);
        Assert.Equal("topology.kubernetes.io/zone", Assert.Single(pod.Spec.TopologySpreadConstraints).TopologyKey);
        Assert.Equal("abc", pod.Metadata.Annotations["checksum"]);
        Assert.Equal("ml", pod.Metadata.Labels["team"]);
        // Extra labels cannot move the pod out of its own Deployment's selector.
        Assert.Equal("rel", pod.Metadata.Labels["app.kubernetes.io/instance"]);
        Assert.All(deployment.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, pod.Metadata.Labels[l.Key]));
        Assert.Equal("ghcr.io/aiguard/aiguard-operator@" + Digest, pod.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Monitoring_objects_are_rendered_only_on_request_and_select_this_release()
    {
        using var session = new KubeClientSession();

        var defaults = await RenderedChart.RenderAsync(session);
        var on = await RenderedChart.RenderAsync(session, "metrics.serviceMonitor.enabled=true", "metrics.prometheusRule.enabled=true",
            "metrics.dashboard.enabled=true", "metrics.serviceMonitor.labels.release=kube-prometheus", "metrics.dashboard.namespace=grafana");

        Assert.DoesNotContain(defaults.Objects, o => (string?)o["apiVersion"] == "monitoring.coreos.com/v1");
        Assert.Empty(defaults.OfKind("ConfigMap"));
        var monitor = on.Single("ServiceMonitor");
        Assert.Equal("kube-prometheus", (string?)monitor["metadata"]!["labels"]!["release"]);
        var service = on.Typed<V1Service>("Service");
        var selector = monitor["spec"]!["selector"]!["matchLabels"]!.AsObject();
        Assert.All(selector, l => Assert.Equal((string?)l.Value, service.Metadata.Labels[l.Key]));
        var endpoint = Assert.Single(monitor["spec"]!["endpoints"]!.AsArray())!;
        Assert.Contains(service.Spec.Ports, p => p.Name == (string?)endpoint["port"]);
        Assert.True((bool)endpoint["honorLabels"]!);
        var dashboard = on.Single("ConfigMap");
        Assert.Equal("grafana", (string?)dashboard["metadata"]!["namespace"]);
        var json = JsonNode.Parse((string)dashboard["data"]!["aiguard-operator.json"]!)!;
        Assert.Equal("rel-aiguard-operator", (string?)json["uid"]);
        Assert.NotEmpty(json["panels"]!.AsArray());
    }

    [Fact]
    public async Task Alerts_cover_blocked_and_quarantined_models_reconcile_errors_no_leader_and_sealing_key_expiry_for_this_release_only()
    {
        using var session = new KubeClientSession();

        var rule = (await RenderedChart.RenderAsync(session, "metrics.prometheusRule.enabled=true", "metrics.prometheusRule.sealingKeyExpiryDays=3")).Single("PrometheusRule");

        var alerts = rule["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray())
            .ToDictionary(r => (string)r!["alert"]!, r => (string)r!["expr"]!);
        Assert.Equal(["AiGuardModelBlocked", "AiGuardModelQuarantined", "AiGuardNoLeader", "AiGuardReconcileErrors", "AiGuardSealingKeyNearExpiry"], alerts.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("aiguard_modeldeployment_phase{job=\"rel-aiguard-operator\", phase=\"Blocked\"}", alerts["AiGuardModelBlocked"], StringComparison.Ordinal);
        Assert.Contains("phase=\"Quarantined\"", alerts["AiGuardModelQuarantined"], StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_errors_total{job=\"rel-aiguard-operator\"}", alerts["AiGuardReconcileErrors"], StringComparison.Ordinal);
        Assert.Contains("absent(leader_election_master_status{job=\"rel-aiguard-operator\"})", alerts["AiGuardNoLeader"], StringComparison.Ordinal);
        Assert.EndsWith("< 259200", alerts["AiGuardSealingKeyNearExpiry"], StringComparison.Ordinal);
        Assert.All(alerts.Values, expr => Assert.Contains("job=\"rel-aiguard-operator\"", expr, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Crds_install_renders_exactly_the_crds_directory_kept_on_uninstall_unless_crds_keep_is_false(bool keep)
    {
        using var session = new KubeClientSession();

        var defaults = await RenderedChart.RenderAsync(session);
        var installed = await RenderedChart.RenderAsync(session, "crds.install=true", $"crds.keep={keep.ToString().ToLowerInvariant()}");

        Assert.Empty(defaults.OfKind("CustomResourceDefinition"));
        var files = Directory.GetFiles(Path.Combine(Chart, "crds"), "*.yaml").Select(f => RenderedChart.ParseDocuments(File.ReadAllText(f)).Single()).ToList();
        var rendered = installed.OfKind("CustomResourceDefinition").ToList();
        Assert.Equal(files.Count, rendered.Count);
        foreach (var file in files)
        {
            var crd = rendered.Single(c => (string?)c["metadata"]!["name"] == (string?)file["metadata"]!["name"]);
            Assert.True(JsonNode.DeepEquals(file["spec"], crd["spec"]), $"{file["metadata"]!["name"]} differs from crds/");
            Assert.Equal(keep ? "keep" : null, (string?)crd["metadata"]!["annotations"]?["helm.sh/resource-policy"]);
            Assert.Equal("rel", (string?)crd["metadata"]!["labels"]!["app.kubernetes.io/instance"]);
        }
    }

    [Fact]
    public async Task Helm_test_pod_is_a_test_hook_that_asks_the_service_for_readyz_under_the_restricted_standard()
    {
        using var session = new KubeClientSession();

        var rendered = await RenderedChart.RenderAsync(session);
        var install = await session.HelmAsync("template", "rel", Chart, "-n", "aiguard-system", "--skip-tests");

        var pod = rendered.Typed<V1Pod>("Pod");
        Assert.Equal("test", pod.Metadata.Annotations["helm.sh/hook"]);
        Assert.DoesNotContain("kind: Pod\n", install.StdOut, StringComparison.Ordinal);
        Assert.Contains("http://rel-aiguard-operator.aiguard-system.svc:8081/readyz", pod.Spec.Containers[0].Args[0], StringComparison.Ordinal);
        Assert.Contains(rendered.Typed<V1Service>("Service").Spec.Ports, p => p.Port == 8081 && p.TargetPort.Value == "health");
        Assert.False(pod.Spec.AutomountServiceAccountToken);
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        Assert.True(pod.Spec.SecurityContext.RunAsNonRoot);
        Assert.Equal("RuntimeDefault", pod.Spec.SecurityContext.SeccompProfile.Type);
        var container = pod.Spec.Containers.Single().SecurityContext;
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
    }

    private static string LeaseName(RenderedChart chart) =>
        chart.Typed<V1Deployment>("Deployment").Spec.Template.Spec.Containers[0].Env.Single(e => e.Name == "AIGUARD_LEASE_NAME").Value;
}
