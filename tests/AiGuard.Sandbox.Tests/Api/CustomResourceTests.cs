using System.Net;
using System.Text.Json;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Api;

/// <summary>Custom resources through KubernetesClient's generic API, after their CRD registers them.</summary>
public sealed class CustomResourceTests : SandboxFixture
{
    private Task<object> CreateWidget(string name, string size = "small", int replicas = 1) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync(Crds.NewWidget(name, size, replicas), Crds.Group, "v1", "default", Crds.Plural);

    private async Task<JsonElement> GetWidget(string name) =>
        Crds.AsJson(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Crds.Group, "v1", "default", Crds.Plural, name));

    private async Task InstallCrd() => await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crds.Widget());

    [Fact]
    public async Task Custom_objects_are_served_once_the_crd_exists_and_stop_when_it_goes()
    {
        var before = await Assert.ThrowsAsync<HttpOperationException>(() => CreateWidget("w"));
        Assert.Equal(HttpStatusCode.NotFound, before.Response.StatusCode);

        await InstallCrd();
        await CreateWidget("w");
        var widget = await GetWidget("w");
        Assert.Equal("small", widget.GetProperty("spec").GetProperty("size").GetString());
        Assert.Equal(1, widget.GetProperty("metadata").GetProperty("generation").GetInt64());

        var list = Crds.AsJson(await Client.CustomObjects.ListNamespacedCustomObjectAsync(Crds.Group, "v1", "default", Crds.Plural));
        Assert.Equal("WidgetList", list.GetProperty("kind").GetString());
        Assert.Equal(1, list.GetProperty("items").GetArrayLength());

        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.test.aiguard.io");
        var after = await Assert.ThrowsAsync<HttpOperationException>(() => GetWidget("w"));
        Assert.Equal(HttpStatusCode.NotFound, after.Response.StatusCode);
    }

    [Fact]
    public async Task Schema_defaults_are_applied_and_unknown_fields_pruned()
    {
        await InstallCrd();
        var body = Crds.NewWidget("d");
        ((Dictionary<string, object>)body["spec"]).Remove("replicas");
        ((Dictionary<string, object>)body["spec"])["bogus"] = "x";
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Crds.Group, "v1", "default", Crds.Plural);
        var spec = (await GetWidget("d")).GetProperty("spec");
        Assert.Equal(1, spec.GetProperty("replicas").GetInt64());
        Assert.Equal("blue", spec.GetProperty("color").GetString());
        Assert.False(spec.TryGetProperty("bogus", out _));
    }

    [Fact]
    public async Task Unknown_fields_with_strict_field_validation_are_a_400()
    {
        await InstallCrd();
        var body = Crds.NewWidget("strict");
        ((Dictionary<string, object>)body["spec"])["bogus"] = "x";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Crds.Group, "v1", "default", Crds.Plural, fieldValidation: "Strict"));
        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
        Assert.Contains("spec.bogus", e.Response.Content);
    }

    [Fact]
    public async Task Schema_violations_are_422_invalid_with_causes()
    {
        await InstallCrd();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => CreateWidget("bad", size: "huge"));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        var status = JsonDocument.Parse(e.Response.Content).RootElement;
        Assert.Equal("Invalid", status.GetProperty("reason").GetString());
        var causes = status.GetProperty("details").GetProperty("causes");
        Assert.Contains(causes.EnumerateArray(), c => c.GetProperty("field").GetString() == "spec.size");
    }

    [Fact]
    public async Task Cel_validation_rules_are_enforced()
    {
        await InstallCrd();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => CreateWidget("many", replicas: 11));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        Assert.Contains("replicas must be at most 10", e.Response.Content);
    }

    [Fact]
    public async Task Status_subresource_separates_spec_and_status_writes()
    {
        await InstallCrd();
        await CreateWidget("s");

        var status = new { status = new { replicas = 2, conditions = new[] { new { type = "Ready", status = "True" } } } };
        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(status, V1Patch.PatchType.MergePatch), Crds.Group, "v1", "default", Crds.Plural, "s");
        var afterStatus = await GetWidget("s");
        Assert.Equal(2, afterStatus.GetProperty("status").GetProperty("replicas").GetInt64());
        Assert.Equal(1, afterStatus.GetProperty("metadata").GetProperty("generation").GetInt64());

        // A main-resource write cannot change status, and a spec change bumps generation.
        var patch = new { spec = new { size = "large" }, status = new { replicas = 9 } };
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), Crds.Group, "v1", "default", Crds.Plural, "s");
        var afterSpec = await GetWidget("s");
        Assert.Equal("large", afterSpec.GetProperty("spec").GetProperty("size").GetString());
        Assert.Equal(2, afterSpec.GetProperty("status").GetProperty("replicas").GetInt64());
        Assert.Equal(2, afterSpec.GetProperty("metadata").GetProperty("generation").GetInt64());

        // A /status write cannot change spec.
        var both = new { spec = new { size = "medium" }, status = new { replicas = 3 } };
        await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(both, V1Patch.PatchType.MergePatch), Crds.Group, "v1", "default", Crds.Plural, "s");
        var final = await GetWidget("s");
        Assert.Equal("large", final.GetProperty("spec").GetProperty("size").GetString());
        Assert.Equal(3, final.GetProperty("status").GetProperty("replicas").GetInt64());
        Assert.Equal(2, final.GetProperty("metadata").GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task Status_is_dropped_on_create_when_the_crd_has_a_status_subresource()
    {
        await InstallCrd();
        var body = Crds.NewWidget("c");
        body["status"] = new Dictionary<string, object> { ["replicas"] = 4 };
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Crds.Group, "v1", "default", Crds.Plural);
        Assert.False((await GetWidget("c")).TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Scale_subresource_of_a_custom_resource()
    {
        await InstallCrd();
        await CreateWidget("sc", replicas: 2);
        var scale = Crds.AsJson(await Client.CustomObjects.GetNamespacedCustomObjectScaleAsync(Crds.Group, "v1", "default", Crds.Plural, "sc"));
        Assert.Equal(2, scale.GetProperty("spec").GetProperty("replicas").GetInt64());
        await Client.CustomObjects.PatchNamespacedCustomObjectScaleAsync(new V1Patch("{\"spec\":{\"replicas\":4}}", V1Patch.PatchType.MergePatch), Crds.Group, "v1", "default", Crds.Plural, "sc");
        Assert.Equal(4, (await GetWidget("sc")).GetProperty("spec").GetProperty("replicas").GetInt64());
    }

    [Fact]
    public async Task Strategic_merge_patch_on_a_custom_resource_is_415()
    {
        await InstallCrd();
        await CreateWidget("smp");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"size\":\"large\"}}", V1Patch.PatchType.StrategicMergePatch), Crds.Group, "v1", "default", Crds.Plural, "smp"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, e.Response.StatusCode);
    }

    [Fact]
    public async Task Invalid_crd_is_rejected_with_causes()
    {
        var crd = Crds.Widget();
        crd.Metadata.Name = "wrong.name";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        Assert.Contains("metadata.name", e.Response.Content);
    }

    [Fact]
    public async Task Cluster_scoped_custom_resources_work()
    {
        var crd = Crds.Widget();
        crd.Spec.Scope = "Cluster";
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        await Client.CustomObjects.CreateClusterCustomObjectAsync(Crds.NewWidget("global"), Crds.Group, "v1", Crds.Plural);
        var read = Crds.AsJson(await Client.CustomObjects.GetClusterCustomObjectAsync(Crds.Group, "v1", Crds.Plural, "global"));
        Assert.False(read.GetProperty("metadata").TryGetProperty("namespace", out _));
    }

    [Fact]
    public async Task Rules_the_sandbox_cannot_enforce_are_reported_as_warnings_never_silently()
    {
        var crd = Crds.Widget();
        crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"].XKubernetesValidations.Add(
            new V1ValidationRule { Rule = "self.replicas <= ", Message = "broken" });
        var response = await Client.ApiextensionsV1.CreateCustomResourceDefinitionWithHttpMessagesAsync(crd);
        var warning = Assert.Single(response.Response.Headers.GetValues("Warning"));
        Assert.Contains("self.replicas <= ", warning);
        Assert.Contains("not enforced", Assert.Single(Server.SkippedValidationRules));
    }
}
