using System.Net;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Api;

public sealed class ConfigMapCrudTests : SandboxFixture
{
    [Fact]
    public async Task Create_get_replace_delete_round_trip_with_server_metadata()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "app", Labels = new Dictionary<string, string> { ["tier"] = "web" } }, Data = new Dictionary<string, string> { ["a"] = "1" } },
            "default");

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));

        var read = await Client.CoreV1.ReadNamespacedConfigMapAsync("app", "default");
        Assert.Equal("1", read.Data["a"]);

        read.Data["a"] = "2";
        var replaced = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(read, "app", "default");
        Assert.Equal("2", replaced.Data["a"]);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(created.Metadata.ResourceVersion));
        Assert.Equal(2, replaced.Metadata.Generation);

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("app", "default");
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("app", "default"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Contains("\"reason\":\"NotFound\"", missing.Response.Content);
    }

    [Fact]
    public async Task Replace_with_stale_resource_version_is_a_409_conflict()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "occ" } }, "default");
        created.Data = new Dictionary<string, string> { ["x"] = "1" };
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "occ", "default");

        created.Data["x"] = "2";
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "occ", "default"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Contains("the object has been modified", conflict.Response.Content);
    }

    [Fact]
    public async Task Create_twice_is_409_already_exists()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dup" } }, "default");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dup" } }, "default"));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("AlreadyExists", e.Response.Content);
    }

    [Fact]
    public async Task Create_in_missing_namespace_is_404_naming_the_namespace()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, "nope"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.Contains("namespaces \\\"nope\\\" not found", e.Response.Content);
    }

    // A trailing newline too: the API server's regexps are Go's, whose $ is the end of the text (.NET's also matches
    // before a final newline, so "db\n" once passed as a name or a label value).
    [Theory]
    [InlineData("Bad_Name")]
    [InlineData("db\n")]
    public async Task Invalid_name_is_422_with_a_cause_naming_the_field(string name)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name } }, "default"));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        Assert.Contains("metadata.name", e.Response.Content);
    }

    [Theory]
    [InlineData("team\n")]
    [InlineData("-team")]
    public async Task Invalid_label_value_is_422_naming_the_label(string value)
    {
        var config = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "labelled", Labels = new Dictionary<string, string> { ["owner"] = value } } };

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(config, "default"));

        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        Assert.Contains("metadata.labels", e.Response.Content);
    }

    [Fact]
    public async Task Generate_name_creates_a_unique_name()
    {
        var a = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, "default");
        var b = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, "default");
        Assert.StartsWith("gen-", a.Metadata.Name);
        Assert.NotEqual(a.Metadata.Name, b.Metadata.Name);
    }

    [Fact]
    public async Task Dry_run_create_stores_nothing()
    {
        var result = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dry" } }, "default", dryRun: "All");
        Assert.Equal("dry", result.Metadata.Name);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("dry", "default"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }
}
