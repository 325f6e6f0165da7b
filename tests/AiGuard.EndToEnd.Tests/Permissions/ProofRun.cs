using System.CommandLine;
using System.Diagnostics;
using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Cli.Commands;
using AiGuard.Cli.Demo;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Tests.Clients;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests.Permissions;

/// <summary>
/// One proof run: a fresh sandbox, the operator installed as a cluster admin would, <c>aiguard operator</c> started
/// as its own process with only a token of the install's ServiceAccount, the samples applied plus a model with a
/// sealed value and apiRules, and then watched until everything converged, a 403 was counted, or the deadline.
/// </summary>
internal static class ProofRun
{
    private const string ModelNamespace = "ml-prod";
    private const string SealedModel = "support-assistant";
    private const string SampleException = "credit-scorer-triton-upgrade";

    // Grants the baseline policy's rbac.allowedResources permit (AIG-RBAC-02 passes): one verb each is enough to
    // need the delegable rule for that resource.
    private const string ApiRules = """
          access:
            apiRules:
              - apiGroups: [""]
                resources: ["configmaps"]
                verbs: ["get"]
              - apiGroups: ["coordination.k8s.io"]
                resources: ["leases"]
                verbs: ["get"]
        """;

    /// <summary>
    /// Runs <paramref name="install"/>; with <paramref name="stopAtForbidden"/> it returns as soon as a 403 is counted
    /// (a removed rule was needed), otherwise it waits for convergence to check that none is ever counted.
    /// </summary>
    public static async Task<ProofOutcome> RunAsync(OperatorInstall install, TimeSpan deadline, bool stopAtForbidden)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SimulateWorkloads = true, WorkloadReadyDelay = TimeSpan.FromMilliseconds(100) });
        using var admin = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);
        var samples = SampleFiles.CopySamples(session.Directory);
        await InstallManifests.KubectlWithInputAsync(session, await File.ReadAllTextAsync(Path.Combine(samples, "namespace-ml-prod.yaml")), "apply", "-f", "-");
        await install.InstallAsync(session);
        // A cluster with Trivy Operator and the PolicyReport/openreports CRDs: the operator then watches
        // VulnerabilityReports and writes the namespace and cluster reports, so those rules are proven needed too.
        await InstallManifests.KubectlWithInputAsync(session, "", "apply", "-f", Path.Combine(InstallManifests.ConfigDir, "third-party"));

        // Shadow AI for the leader's first scan: the cluster-scoped reports are written only when there is some.
        await admin.AppsV1.CreateNamespacedDeploymentAsync(UnmanagedInferenceServer(), ModelNamespace);

        var token = await InstallManifests.KubectlWithInputAsync(session, "", "create", "token", install.ServiceAccount, "-n", install.Namespace, "--duration=1h");
        var operatorKubeconfig = Path.Combine(session.Directory, "operator-kubeconfig");
        sandbox.WriteKubeconfig(operatorKubeconfig, token.StdOut.Trim(), install.Namespace);

        // The hardened model waits for its sealed value; everything else is applied now.
        var model = Path.Combine(session.Directory, SealedModel + ".yaml");
        File.Move(Path.Combine(samples, "modeldeployment-vllm-hardened.yaml"), model);
        await File.WriteAllTextAsync(model, (await File.ReadAllTextAsync(model)).Replace("  access:\n", ApiRules + "\n", StringComparison.Ordinal));
        await InstallManifests.KubectlWithInputAsync(session, "", "apply", "-f", samples);

        await using var process = OperatorProcess.Start([.. install.Arguments, "--kubeconfig", operatorKubeconfig], install.Environment);
        var clock = Stopwatch.StartNew();
        var sealedAndApplied = false;
        string? firstRenewal = null;
        var state = "the sealing certificate was never published";
        while (true)
        {
            var forbidden = await ApiServerMetrics.ForbiddenAsync(sandbox);
            if (forbidden.Count > 0 && stopAtForbidden)
            {
                return new ProofOutcome(forbidden, false, state, process.Output);
            }

            if (!sealedAndApplied && await CertificatePublishedAsync(admin, install.Namespace))
            {
                await SealIntoAsync(model, session.KubeconfigPath, install.Namespace);
                await InstallManifests.KubectlWithInputAsync(session, "", "apply", "-f", model);
                sealedAndApplied = true;
            }

            if (sealedAndApplied)
            {
                state = await NotConvergedAsync(admin) ?? "";
                var renewal = await LeaseRenewalAsync(admin, install);
                if (state.Length == 0)
                {
                    // Converged; then one more Lease renewal proves the leader keeps its Lease with these rights.
                    firstRenewal ??= renewal;
                    state = "the Lease was not renewed after convergence";
                    if (renewal != firstRenewal)
                    {
                        return new ProofOutcome(await ApiServerMetrics.ForbiddenAsync(sandbox), true, "converged", process.Output);
                    }
                }
            }

            if (process.HasExited)
            {
                return new ProofOutcome(forbidden, false, "the operator exited: " + state, process.Output);
            }

            if (clock.Elapsed > deadline)
            {
                return new ProofOutcome(forbidden, false, state, process.Output);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static V1Deployment UnmanagedInferenceServer()
    {
        var labels = new Dictionary<string, string> { ["app"] = "shadow-vllm" };
        return new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "shadow-vllm", Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "vllm", Image = "vllm/vllm-openai:v0.6.4" }] },
                },
            },
        };
    }

    private static async Task<bool> CertificatePublishedAsync(Kubernetes admin, string ns)
    {
        try
        {
            await admin.CoreV1.ReadNamespacedConfigMapAsync("aiguard-sealing-cert", ns);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    // `aiguard seal --fetch-cert` (the CLI's own command, in this process) merging one sealed value into the manifest.
    private static async Task SealIntoAsync(string manifest, string adminKubeconfig, string operatorNamespace)
    {
        var root = new RootCommand("aiguard") { SealCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse([
            "seal", "-n", ModelNamespace, "--model", SealedModel, "--secret", "api-key", "--from-literal", "token=" + Guid.NewGuid().ToString("N"),
            "--mount-path", "/var/run/secrets/api", "--fetch-cert", "--kubeconfig", adminKubeconfig, "--operator-namespace", operatorNamespace,
            "--merge-into", manifest,
        ]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(exitCode == 0, $"aiguard seal failed\n{error}");
    }

    /// <summary>Null when every sample reached its expected state and every child the models ask for exists; else what has not.</summary>
    private static async Task<string?> NotConvergedAsync(Kubernetes admin)
    {
        var problems = new List<string>();
        foreach (var (name, expected) in DemoExpectations.Expected)
        {
            var row = ModelRow.From(await admin.CustomObjects.GetNamespacedCustomObjectAsync<ModelDeployment>(ApiGroup.Group, ApiGroup.Version, ModelNamespace, ModelDeployment.Plural, name));
            if (row.Phase != expected.Phase || (expected.Phase == Phases.Compliant && !row.Ready))
            {
                problems.Add($"{name} is {row.Phase}{(row.Ready ? "" : " (not Ready)")}, expected {expected.Phase}");
            }
        }

        var model = await admin.CustomObjects.GetNamespacedCustomObjectAsync<ModelDeployment>(ApiGroup.Group, ApiGroup.Version, ModelNamespace, ModelDeployment.Plural, SealedModel);
        bool Owned(V1ObjectMeta meta) => (meta.OwnerReferences ?? []).Any(o => o.Uid == model.Metadata.Uid && o.Controller == true);
        if (!(await admin.CoreV1.ListNamespacedSecretAsync(ModelNamespace)).Items.Any(s => Owned(s.Metadata)))
        {
            problems.Add($"{SealedModel} has no decrypted Secret");
        }

        var roles = (await admin.RbacAuthorizationV1.ListNamespacedRoleAsync(ModelNamespace)).Items.Where(r => Owned(r.Metadata)).ToList();
        var bindings = (await admin.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ModelNamespace)).Items.Where(b => Owned(b.Metadata)).ToList();
        var granted = roles.Where(r => bindings.Any(b => b.RoleRef.Name == r.Metadata.Name)).SelectMany(r => r.Rules).ToList();
        foreach (var (group, resource) in new[] { ("", "configmaps"), ("coordination.k8s.io", "leases"), ("", "pods/log") })
        {
            if (!OperatorGrants.Covers(granted, new V1PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = ["get"] }))
            {
                problems.Add($"{SealedModel} has no bound Role granting get on {resource}");
            }
        }

        var policy = await admin.CustomObjects.GetClusterCustomObjectAsync<GuardPolicy>(ApiGroup.Group, ApiGroup.Version, GuardPolicy.Plural, "baseline");
        if (policy.Status?.ObservedGeneration != policy.Metadata.Generation)
        {
            problems.Add("GuardPolicy baseline has no current status");
        }

        var exception = await admin.CustomObjects.GetNamespacedCustomObjectAsync<GuardException>(ApiGroup.Group, ApiGroup.Version, ModelNamespace, GuardException.Plural, SampleException);
        if (exception.Status?.ObservedGeneration != exception.Metadata.Generation)
        {
            problems.Add($"GuardException {SampleException} has no current status");
        }

        if ((await admin.EventsV1.ListNamespacedEventAsync(ModelNamespace)).Items.Count == 0)
        {
            problems.Add("the operator recorded no Event");
        }

        // The compliance reports of the namespace and the cluster (shadow AI), in both flavours.
        foreach (var (group, plural, cluster) in new[]
        {
            ("wgpolicyk8s.io", "policyreports", false), ("openreports.io", "reports", false),
            ("wgpolicyk8s.io", "clusterpolicyreports", true), ("openreports.io", "clusterreports", true),
        })
        {
            var version = group == "wgpolicyk8s.io" ? "v1alpha2" : "v1alpha1";
            var reports = cluster
                ? await admin.CustomObjects.ListClusterCustomObjectAsync(group, version, plural)
                : await admin.CustomObjects.ListNamespacedCustomObjectAsync(group, version, ModelNamespace, plural);
            if (((System.Text.Json.JsonElement)reports).GetProperty("items").GetArrayLength() == 0)
            {
                problems.Add($"no {plural} written");
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static async Task<string?> LeaseRenewalAsync(Kubernetes admin, OperatorInstall install)
    {
        try
        {
            var lease = await admin.CoordinationV1.ReadNamespacedLeaseAsync(install.LeaseName, install.Namespace);
            return lease.Spec.RenewTime?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
