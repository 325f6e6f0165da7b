using System.Net;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Api;

/// <summary>Finalizers, owner-reference garbage collection and namespace deletion.</summary>
public sealed class LifecycleTests : SandboxFixture
{
    private static async Task<bool> ExistsAsync(Func<Task> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    [Fact]
    public async Task Delete_with_finalizers_marks_and_removing_the_last_finalizer_deletes()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["aiguard.io/a", "aiguard.io/b"] },
        }, "default");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("held", "default");
        var marked = await Client.CoreV1.ReadNamespacedConfigMapAsync("held", "default");
        Assert.NotNull(marked.Metadata.DeletionTimestamp);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"metadata\":{\"finalizers\":[\"aiguard.io/a\",\"aiguard.io/b\",\"aiguard.io/new\"]}}", V1Patch.PatchType.MergePatch), "held", "default"));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);

        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":[\"aiguard.io/b\"]}}", V1Patch.PatchType.MergePatch), "held", "default");
        Assert.True(await ExistsAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync("held", "default")));
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "held", "default");
        Assert.False(await ExistsAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync("held", "default")));
    }

    [Fact]
    public async Task Dependents_are_collected_when_their_owner_goes_including_custom_resource_owners()
    {
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crds.Widget());
        var owner = Crds.AsJson(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Crds.NewWidget("owner"), Crds.Group, "v1", "default", Crds.Plural));
        var ownerUid = owner.GetProperty("metadata").GetProperty("uid").GetString();
        var reference = new V1OwnerReference { ApiVersion = Crds.Group + "/v1", Kind = "Widget", Name = "owner", Uid = ownerUid, Controller = true };
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "child", OwnerReferences = [reference] } }, "default");
        var deployment = Deployments.Web("child-deploy");
        deployment.Metadata.OwnerReferences = [reference];
        await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default");
        // A grandchild owned by the deployment goes too (cascading).
        var deploymentUid = (await Client.AppsV1.ReadNamespacedDeploymentAsync("child-deploy", "default")).Metadata.Uid;
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "grandchild", OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "child-deploy", Uid = deploymentUid }] },
        }, "default");

        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(Crds.Group, "v1", "default", Crds.Plural, "owner");

        Assert.False(await ExistsAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync("child", "default")));
        Assert.False(await ExistsAsync(() => Client.AppsV1.ReadNamespacedDeploymentAsync("child-deploy", "default")));
        Assert.False(await ExistsAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync("grandchild", "default")));
    }

    [Fact]
    public async Task A_dependent_with_another_live_owner_survives_and_loses_the_dangling_reference()
    {
        var a = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, "default");
        var b = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "b" } }, "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = "shared",
                OwnerReferences =
                [
                    new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "a", Uid = a.Metadata.Uid },
                    new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "b", Uid = b.Metadata.Uid },
                ],
            },
        }, "default");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", "default");
        var shared = await Client.CoreV1.ReadNamespacedConfigMapAsync("shared", "default");
        Assert.Equal("b", Assert.Single(shared.Metadata.OwnerReferences).Name);
    }

    [Fact]
    public async Task Orphan_propagation_keeps_dependents()
    {
        var owner = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "o" } }, "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "kept", OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "o", Uid = owner.Metadata.Uid }] },
        }, "default");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("o", "default", propagationPolicy: "Orphan");
        var kept = await Client.CoreV1.ReadNamespacedConfigMapAsync("kept", "default");
        Assert.True(kept.Metadata.OwnerReferences is null || kept.Metadata.OwnerReferences.Count == 0);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_contents_and_blocks_new_ones_while_terminating()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "doomed" } });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "plain" } }, "doomed");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["aiguard.io/hold"] } }, "doomed");

        await Client.CoreV1.DeleteNamespaceAsync("doomed");
        Assert.False(await ExistsAsync(() => Client.CoreV1.ReadNamespacedConfigMapAsync("plain", "doomed")));
        var ns = await Client.CoreV1.ReadNamespaceAsync("doomed");
        Assert.Equal("Terminating", ns.Status.Phase);
        var forbidden = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "late" } }, "doomed"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Response.StatusCode);

        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "held", "doomed");
        Assert.False(await ExistsAsync(() => Client.CoreV1.ReadNamespaceAsync("doomed")));
    }

    [Fact]
    public async Task Delete_precondition_on_uid_mismatch_is_409()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "pre" } }, "default");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("pre", "default",
            new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "not-the-uid" } }));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
    }
}
