using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Api;

/// <summary>The raw HTTP surface kubectl and helm rely on: /version, discovery, OpenAPI v3, tables, protobuf, metrics.</summary>
public sealed class HttpSurfaceTests : SandboxFixture
{
    private HttpClient Http() => Server.CreateHttpClient();

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetJson(string path, string? accept = null)
    {
        using var http = Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    [Fact]
    public async Task Version_reports_the_configured_minor()
    {
        var (status, body, _) = await GetJson("/version");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1", body.GetProperty("major").GetString());
        Assert.Equal("32", body.GetProperty("minor").GetString());
        Assert.Equal("v1.32.0", body.GetProperty("gitVersion").GetString());
    }

    [Fact]
    public async Task Plain_discovery_lists_groups_and_resources_with_subresources()
    {
        var (_, groups, _) = await GetJson("/apis");
        Assert.Contains(groups.GetProperty("groups").EnumerateArray(), g => g.GetProperty("name").GetString() == "apps");
        var (_, core, _) = await GetJson("/api/v1");
        var names = core.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains("configmaps", names);
        Assert.Contains("namespaces/status", names);
        var (_, apps, _) = await GetJson("/apis/apps/v1");
        Assert.Contains(apps.GetProperty("resources").EnumerateArray(), r => r.GetProperty("name").GetString() == "deployments/scale");
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v2beta1")]
    public async Task Aggregated_discovery_answers_in_the_requested_version_and_follows_crds(string version)
    {
        var accept = $"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList,application/json";
        var (_, before, response) = await GetJson("/apis", accept);
        Assert.Equal($"apidiscovery.k8s.io/{version}", before.GetProperty("apiVersion").GetString());
        Assert.Contains($"v={version}", response.Content.Headers.ContentType!.ToString());
        Assert.DoesNotContain(before.GetProperty("items").EnumerateArray(), g => g.GetProperty("metadata").GetProperty("name").GetString() == Crds.Group);

        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crds.Widget());
        var (_, after, _) = await GetJson("/apis", accept);
        var group = after.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("metadata").GetProperty("name").GetString() == Crds.Group);
        var resource = group.GetProperty("versions")[0].GetProperty("resources")[0];
        Assert.Equal("widgets", resource.GetProperty("resource").GetString());
        Assert.Equal("Namespaced", resource.GetProperty("scope").GetString());
        Assert.Contains(resource.GetProperty("subresources").EnumerateArray(), s => s.GetProperty("subresource").GetString() == "status");

        var (_, coreDoc, _) = await GetJson("/api", accept);
        Assert.Equal("v1", coreDoc.GetProperty("items")[0].GetProperty("versions")[0].GetProperty("version").GetString());
    }

    [Fact]
    public async Task OpenApi_v3_lists_group_versions_whose_patch_operations_carry_gvk_and_field_validation()
    {
        var (_, index, _) = await GetJson("/openapi/v3");
        var url = index.GetProperty("paths").GetProperty("apis/apps/v1").GetProperty("serverRelativeURL").GetString()!;
        Assert.Contains("?hash=", url);
        var (status, doc, _) = await GetJson(url);
        Assert.Equal(HttpStatusCode.OK, status);
        var patch = doc.GetProperty("paths").GetProperty("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").GetProperty("patch");
        Assert.Equal("Deployment", patch.GetProperty("x-kubernetes-group-version-kind").GetProperty("kind").GetString());
        Assert.Contains(patch.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "fieldValidation");

        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crds.Widget());
        var (_, updated, _) = await GetJson("/openapi/v3");
        Assert.True(updated.GetProperty("paths").TryGetProperty("apis/test.aiguard.io/v1", out _));

        using var http = Http();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/openapi/v2")).StatusCode);
    }

    [Fact]
    public async Task Table_list_uses_the_crds_printer_columns()
    {
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crds.Widget());
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Crds.NewWidget("t1", "medium"), Crds.Group, "v1", "default", Crds.Plural);
        var (_, table, _) = await GetJson("/apis/test.aiguard.io/v1/namespaces/default/widgets?limit=500",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json");
        Assert.Equal("Table", table.GetProperty("kind").GetString());
        var columns = table.GetProperty("columnDefinitions").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Name", "Size", "Ready", "Age"], columns);
        var row = Assert.Single(table.GetProperty("rows").EnumerateArray());
        Assert.Equal("t1", row.GetProperty("cells")[0].GetString());
        Assert.Equal("medium", row.GetProperty("cells")[1].GetString());
        Assert.Equal("PartialObjectMetadata", row.GetProperty("object").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Protobuf_body_creates_a_configmap_and_is_415_for_other_kinds()
    {
        var payload = ProtobufBodies.ConfigMap("from-proto", "default", "k", "v");
        using var http = Http();
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");
        var created = await http.PostAsync("/api/v1/namespaces/default/configmaps", content);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("v", (await Client.CoreV1.ReadNamespacedConfigMapAsync("from-proto", "default")).Data["k"]);

        using var deploymentContent = new ByteArrayContent(payload);
        deploymentContent.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");
        var rejected = await http.PostAsync("/apis/apps/v1/namespaces/default/deployments", deploymentContent);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, rejected.StatusCode);
    }

    [Fact]
    public async Task Yaml_bodies_are_accepted()
    {
        using var http = Http();
        using var content = new StringContent("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  n: \"1\"\n", Encoding.UTF8, "application/yaml");
        var response = await http.PostAsync("/api/v1/namespaces/default/configmaps", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("1", (await Client.CoreV1.ReadNamespacedConfigMapAsync("from-yaml", "default")).Data["n"]);
    }

    [Fact]
    public async Task Unknown_paths_are_404_status_objects()
    {
        var (status, body, _) = await GetJson("/apis/nope.io/v1/things");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Status", body.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Metrics_count_requests_by_verb_resource_and_code()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "m" } }, "default");
        await Client.CoreV1.ReadNamespacedConfigMapAsync("m", "default");
        await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("missing", "default"));
        await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = "m" } }, V1Patch.PatchType.ApplyPatch), "m", "default", fieldManager: "t");

        Assert.Equal(1, Server.Metrics.Count("create", "configmaps", 201));
        Assert.Equal(1, Server.Metrics.Count("get", "configmaps", 200));
        Assert.Equal(1, Server.Metrics.Count("get", "configmaps", 404));
        Assert.Equal(1, Server.Metrics.Count("list", "configmaps"));
        Assert.Equal(1, Server.Metrics.Count("apply", "configmaps"));

        using var http = Http();
        var text = await http.GetStringAsync("/metrics");
        Assert.Contains("# TYPE apiserver_request_total counter", text);
        Assert.Contains("apiserver_request_total{code=\"404\",resource=\"configmaps\",subresource=\"\",verb=\"get\"} 1", text);
    }
}
