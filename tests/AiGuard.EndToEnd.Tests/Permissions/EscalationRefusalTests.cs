using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Sandbox;
using k8s;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests.Permissions;

/// <summary>
/// Defence in depth behind AIG-RBAC-02: with no GuardPolicy, apiRules on <c>services</c> pass the control, but the
/// chart's delegable ClusterRole does not hold services and the operator has neither <c>bind</c> nor <c>escalate</c>.
/// The API server's escalation check must refuse the grant, the model must say so in its status, and nothing that
/// grants the model's identity may exist afterwards.
/// </summary>
public sealed class EscalationRefusalTests
{
    private const string ModelNamespace = "ml-prod";
    private const string Model = "escalator";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private static readonly string Manifest = $$"""
        apiVersion: aiguard.io/v1alpha1
        kind: ModelDeployment
        metadata: {name: {{Model}}, namespace: {{ModelNamespace}}}
        spec:
          owner: team-risk@example.com
          riskLevel: limited
          model:
            uri: s3://models/escalator/model.onnx
            sha256: {{new string('a', 64)}}
          serving:
            image: ghcr.io/acme/server:1.0.0@sha256:{{new string('b', 64)}}
          access:
            apiRules:
              - apiGroups: [""]
                resources: ["services"]
                verbs: ["get", "list"]
        """;

    [Fact]
    public async Task Api_rules_beyond_the_delegable_role_are_refused_by_the_api_server_and_reported_in_status()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SimulateWorkloads = true, WorkloadReadyDelay = TimeSpan.FromMilliseconds(100) });
        using var admin = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);
        var install = await ChartAsync();
        await InstallManifests.KubectlWithInputAsync(session, $"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ModelNamespace}}}\n", "apply", "-f", "-");
        await install.InstallAsync(session);
        var token = await InstallManifests.KubectlWithInputAsync(session, "", "create", "token", install.ServiceAccount, "-n", install.Namespace, "--duration=1h");
        var kubeconfig = Path.Combine(session.Directory, "operator-kubeconfig");
        sandbox.WriteKubeconfig(kubeconfig, token.StdOut.Trim(), install.Namespace);
        await InstallManifests.KubectlWithInputAsync(session, Manifest, "apply", "-f", "-");

        await using var process = OperatorProcess.Start([.. install.Arguments, "--kubeconfig", kubeconfig], install.Environment);

        var status = await Eventually.ReturnsAsync(
            () => StatusTextAsync(admin),
            text => text.Contains("attempting to grant RBAC permissions not currently held", StringComparison.Ordinal),
            text => $"the model never reported the refused grant; status: {text}\n--- operator output\n{process.Output}",
            Deadline);

        Assert.True(status.Contains("services", StringComparison.Ordinal), status);
        Assert.Contains(await ApiServerMetrics.ForbiddenAsync(sandbox), series => series.Contains("resource=\"roles\"", StringComparison.Ordinal));
        Assert.DoesNotContain((await admin.RbacAuthorizationV1.ListNamespacedRoleAsync(ModelNamespace)).Items, r => r.Metadata.Name == Model);
        var bindings = (await admin.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ModelNamespace)).Items;
        Assert.DoesNotContain(bindings, b => b.RoleRef.Name == Model || (b.Subjects ?? []).Any(s => s.Kind == "ServiceAccount" && s.Name == Model));
    }

    private static async Task<string> StatusTextAsync(Kubernetes admin)
    {
        var model = await admin.CustomObjects.GetNamespacedCustomObjectAsync<ModelDeployment>(ApiGroup.Group, ApiGroup.Version, ModelNamespace, ModelDeployment.Plural, Model);
        var conditions = model.Status?.Conditions ?? [];
        return $"phase {model.Status?.Phase}; " + string.Join("; ", conditions.Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}"));
    }

    private static async Task<OperatorInstall> ChartAsync()
    {
        using var render = new AiGuard.Sandbox.Tests.Clients.KubeClientSession();
        var objects = await InstallManifests.RenderChartAsync(render);
        return new OperatorInstall("helm install rel", objects, async admin =>
        {
            var run = await admin.HelmAsync("install", "rel", InstallManifests.Chart, "-n", "aiguard-system", "--create-namespace");
            Assert.True(run.ExitCode == 0, run.ToString());
        });
    }
}
