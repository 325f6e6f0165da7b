using System.Net;
using System.Text.Json;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Api;

/// <summary>The four patch types and server-side apply through KubernetesClient.</summary>
public sealed class PatchAndApplyTests : SandboxFixture
{
    private static V1Patch Apply(object body) => new(body, V1Patch.PatchType.ApplyPatch);

    private static V1ConfigMap ConfigMap(string name, Dictionary<string, string> data) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Data = data,
    };

    [Fact]
    public async Task Merge_patch_sets_and_null_deletes()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("m", new() { ["a"] = "1", ["b"] = "2" }), "default");
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"a\":null,\"c\":\"3\"}}", V1Patch.PatchType.MergePatch), "m", "default");
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2", ["c"] = "3" }, patched.Data);
    }

    [Fact]
    public async Task Json_patch_applies_operations_and_failed_test_is_422()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("j", new() { ["a"] = "1" }), "default");
        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"9\"},{\"op\":\"add\",\"path\":\"/data/z\",\"value\":\"0\"}]", V1Patch.PatchType.JsonPatch), "j", "default");
        Assert.Equal("9", patched.Data["a"]);
        Assert.Equal("0", patched.Data["z"]);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"1\"}]", V1Patch.PatchType.JsonPatch), "j", "default"));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        var deployment = Deployments.Web("smp");
        deployment.Spec.Template.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "envoy:1" });
        await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default");
        var patch = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}}}";
        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "smp", "default");
        Assert.Equal(2, patched.Spec.Template.Spec.Containers.Count);
        Assert.Equal("nginx:1.28", patched.Spec.Template.Spec.Containers.Single(c => c.Name == "web").Image);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Patch_of_a_missing_object_is_404()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{}}", V1Patch.PatchType.MergePatch), "nope", "default"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task Server_side_apply_creates_then_updates_and_records_managed_fields()
    {
        var created = await Client.CoreV1.PatchNamespacedConfigMapWithHttpMessagesAsync(Apply(ConfigMap("ssa", new() { ["a"] = "1" })), "ssa", "default", fieldManager: "operator");
        Assert.Equal(HttpStatusCode.Created, created.Response.StatusCode);
        Assert.Contains(created.Body.Metadata.ManagedFields, m => m.Manager == "operator" && m.Operation == "Apply");
        Assert.False(string.IsNullOrEmpty(created.Body.Metadata.Uid));

        var updated = await Client.CoreV1.PatchNamespacedConfigMapWithHttpMessagesAsync(Apply(ConfigMap("ssa", new() { ["b"] = "2" })), "ssa", "default", fieldManager: "operator");
        Assert.Equal(HttpStatusCode.OK, updated.Response.StatusCode);
        // The manager stopped applying "a", so the field is removed.
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, updated.Body.Data);
        Assert.Equal(created.Body.Metadata.Uid, updated.Body.Metadata.Uid);
    }

    [Fact]
    public async Task Identical_apply_is_a_no_op_that_keeps_the_resource_version()
    {
        var first = await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(ConfigMap("same", new() { ["a"] = "1" })), "same", "default", fieldManager: "operator");
        var second = await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(ConfigMap("same", new() { ["a"] = "1" })), "same", "default", fieldManager: "operator");
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Apply_conflicting_with_another_manager_is_409_naming_the_field_unless_forced()
    {
        await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(ConfigMap("c", new() { ["owner"] = "a" })), "c", "default", fieldManager: "first");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(ConfigMap("c", new() { ["owner"] = "b" })), "c", "default", fieldManager: "second"));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains(".data.owner", e.Response.Content);
        Assert.Contains("first", e.Response.Content);

        var forced = await Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(ConfigMap("c", new() { ["owner"] = "b" })), "c", "default", fieldManager: "second", force: true);
        Assert.Equal("b", forced.Data["owner"]);
    }

    [Fact]
    public async Task Apply_without_field_manager_is_422()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(ConfigMap("nofm", new() { ["a"] = "1" })), "nofm", "default"));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        Assert.Contains("fieldManager", e.Response.Content);
    }

    [Fact]
    public async Task Apply_into_a_missing_namespace_is_404()
    {
        var cm = ConfigMap("x", new() { ["a"] = "1" });
        cm.Metadata.NamespaceProperty = "ghost";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.PatchNamespacedConfigMapAsync(Apply(cm), "x", "ghost", fieldManager: "m"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task Apply_of_a_custom_resource_creates_it_and_dry_run_stores_nothing()
    {
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crds.Widget());
        var dry = await Client.CustomObjects.PatchNamespacedCustomObjectAsync(Apply(Crds.NewWidget("dry")), Crds.Group, "v1", "default", Crds.Plural, "dry", fieldManager: "m", dryRun: "All");
        Assert.Equal("dry", Crds.AsJson(dry).GetProperty("metadata").GetProperty("name").GetString());
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.GetNamespacedCustomObjectAsync(Crds.Group, "v1", "default", Crds.Plural, "dry"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);

        var created = await Client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync(Apply(Crds.NewWidget("real")), Crds.Group, "v1", "default", Crds.Plural, "real", fieldManager: "m");
        Assert.Equal(HttpStatusCode.Created, created.Response.StatusCode);
        var json = Crds.AsJson(created.Body);
        Assert.Equal(1, json.GetProperty("metadata").GetProperty("generation").GetInt64());
        Assert.Equal("blue", json.GetProperty("spec").GetProperty("color").GetString());
    }

    [Fact]
    public async Task Status_write_changes_status_only_and_never_bumps_generation()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployments.Web("st"), "default");
        var read = await Client.AppsV1.ReadNamespacedDeploymentAsync("st", "default");
        read.Status = new V1DeploymentStatus { Replicas = 1, ObservedGeneration = 1 };
        read.Spec.Replicas = 7;
        var written = await Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(read, "st", "default");
        Assert.Equal(1, written.Status.Replicas);
        Assert.Equal(1, written.Spec.Replicas);
        Assert.Equal(1, written.Metadata.Generation);

        // And main-resource writes ignore status.
        written.Status.Replicas = 99;
        written.Spec.Replicas = 2;
        var main = await Client.AppsV1.ReplaceNamespacedDeploymentAsync(written, "st", "default");
        Assert.Equal(1, main.Status.Replicas);
        Assert.Equal(2, main.Metadata.Generation);
    }

    [Fact]
    public async Task Label_only_change_does_not_bump_generation()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployments.Web("lbl"), "default");
        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("{\"metadata\":{\"labels\":{\"x\":\"y\"}}}", V1Patch.PatchType.MergePatch), "lbl", "default");
        Assert.Equal(1, patched.Metadata.Generation);
        Assert.Equal("y", patched.Metadata.Labels["x"]);
    }

    [Fact]
    public async Task Update_records_managed_fields_for_the_field_manager()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("mf", new() { ["a"] = "1" }), "default", fieldManager: "writer");
        var entry = Assert.Single(created.Metadata.ManagedFields);
        Assert.Equal("writer", entry.Manager);
        Assert.Equal("Update", entry.Operation);
        var json = JsonSerializer.Serialize(entry.FieldsV1);
        Assert.Contains("f:a", json);
    }
}
