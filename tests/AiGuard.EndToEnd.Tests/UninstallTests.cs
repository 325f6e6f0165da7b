using System.Net;
using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Sealing;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Tests.Clients;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// Uninstalling the operator, the documented way with the real helm 4.1.4 and kubectl 1.35, removes the operator
/// and nothing it protects: the CRDs, a ModelDeployment and its child, the sealing keys and the namespace they live
/// in all survive, while the operator's own Deployment and RBAC are gone (so the uninstall really ran).
/// </summary>
public sealed class UninstallTests
{
    private const string ModelNamespace = "ml-prod";
    private const string Model = "support-assistant";

    [Fact]
    public async Task Helm_uninstall_leaves_crds_models_their_children_and_the_sealing_keys()
    {
        const string releaseNamespace = "aiguard-helm";
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);
        var install = await session.HelmAsync("install", "rel", InstallManifests.Chart, "-n", releaseNamespace, "--create-namespace");
        Assert.True(install.ExitCode == 0, install.ToString());
        await CreateProtectedObjectsAsync(client, session, releaseNamespace);
        Assert.NotNull(await client.AppsV1.ReadNamespacedDeploymentAsync("rel-aiguard-operator", releaseNamespace));

        var uninstall = await session.HelmAsync("uninstall", "rel", "-n", releaseNamespace, "--wait");

        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        await AssertGoneAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("rel-aiguard-operator", releaseNamespace));
        await AssertGoneAsync(() => client.RbacAuthorizationV1.ReadClusterRoleAsync("rel-aiguard-operator-namespaced"));
        await AssertProtectedObjectsRemainAsync(client, releaseNamespace);
    }

    [Fact]
    public async Task Kubectl_delete_of_config_default_leaves_crds_models_their_children_and_the_sealing_keys()
    {
        const string operatorNamespace = "aiguard-system";
        await using var sandbox = await SandboxServer.StartAsync();
        using var client = sandbox.CreateClient();
        using var session = InstallManifests.SessionFor(sandbox);
        foreach (var directory in new[] { "crd", "namespace" })
        {
            var applied = await session.KubectlAsync("apply", "-k", Path.Combine(InstallManifests.ConfigDir, directory));
            Assert.True(applied.ExitCode == 0, applied.ToString());
        }

        // Exactly the YAML `kubectl apply -k` / `delete -k` send, PodDisruptionBudget included.
        var operatorYaml = await InstallManifests.KustomizeYamlAsync(session, "default");
        await InstallManifests.KubectlWithInputAsync(session, operatorYaml, "apply", "-f", "-");
        await CreateProtectedObjectsAsync(client, session, operatorNamespace);

        var deleted = await InstallManifests.KubectlWithInputAsync(session, operatorYaml, "delete", "-f", "-");

        Assert.Contains("deployment.apps \"aiguard-operator\" deleted", deleted.StdOut, StringComparison.Ordinal);
        await AssertGoneAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("aiguard-operator", operatorNamespace));
        await AssertGoneAsync(() => client.RbacAuthorizationV1.ReadClusterRoleBindingAsync("aiguard-operator-namespaced"));
        await AssertProtectedObjectsRemainAsync(client, operatorNamespace);
    }

    // What the operator would have made: a model with a controlled child, and a sealing key in its namespace.
    private static async Task CreateProtectedObjectsAsync(Kubernetes client, KubeClientSession session, string operatorNamespace)
    {
        var samples = SampleFiles.CopySamples(session.Directory);
        foreach (var file in new[] { "namespace-ml-prod.yaml", "modeldeployment-vllm-hardened.yaml" })
        {
            var applied = await session.KubectlAsync("apply", "-f", Path.Combine(samples, file));
            Assert.True(applied.ExitCode == 0, applied.ToString());
        }

        var model = await client.CustomObjects.GetNamespacedCustomObjectAsync<ModelDeployment>(ApiGroup.Group, ApiGroup.Version, ModelNamespace, ModelDeployment.Plural, Model);
        await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta
            {
                Name = Model,
                OwnerReferences = [new V1OwnerReference { ApiVersion = ApiGroup.GroupVersion, Kind = ModelDeployment.KubeKind, Name = Model, Uid = model.Metadata.Uid, Controller = true }],
            },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress", "Egress"] },
        }, ModelNamespace);
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = SealingKeyStore.SecretNamePrefix + "k-0a1b2c3d", Labels = new Dictionary<string, string> { [SealingKeyStore.KeyLabel] = "true" } },
            StringData = new Dictionary<string, string> { ["tls.crt"] = "placeholder", ["tls.key"] = "placeholder" },
        }, operatorNamespace);
    }

    private static async Task AssertProtectedObjectsRemainAsync(Kubernetes client, string operatorNamespace)
    {
        var crds = await client.ApiextensionsV1.ListCustomResourceDefinitionAsync();
        Assert.Equal(
            ["guardexceptions.aiguard.io", "guardpolicies.aiguard.io", "modeldeployments.aiguard.io"],
            crds.Items.Select(c => c.Metadata.Name).Where(n => n.EndsWith(".aiguard.io", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var model = await client.CustomObjects.GetNamespacedCustomObjectAsync<ModelDeployment>(ApiGroup.Group, ApiGroup.Version, ModelNamespace, ModelDeployment.Plural, Model);
        Assert.Null(model.Metadata.DeletionTimestamp);
        var child = await client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(Model, ModelNamespace);
        Assert.Null(child.Metadata.DeletionTimestamp);
        var ns = await client.CoreV1.ReadNamespaceAsync(operatorNamespace);
        Assert.Null(ns.Metadata.DeletionTimestamp);
        var keys = await client.CoreV1.ListNamespacedSecretAsync(operatorNamespace, labelSelector: SealingKeyStore.KeyLabel);
        Assert.Single(keys.Items);
    }

    private static async Task AssertGoneAsync<T>(Func<Task<T>> read)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(read);
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }
}
