using System.Net;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Api;

/// <summary>Label and field selectors, and limit/continue paging.</summary>
public sealed class SelectorAndPagingTests : SandboxFixture
{
    private async Task SeedAsync()
    {
        var labels = new (string Name, Dictionary<string, string> Labels)[]
        {
            ("a", new() { ["app"] = "web", ["tier"] = "front" }),
            ("b", new() { ["app"] = "web", ["tier"] = "back" }),
            ("c", new() { ["app"] = "db" }),
            ("d", new()),
        };
        foreach (var (name, l) in labels)
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = l } }, "default");
        }
    }

    private async Task<string[]> Names(string? labelSelector = null, string? fieldSelector = null) =>
        (await Client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: labelSelector, fieldSelector: fieldSelector))
            .Items.Select(i => i.Metadata.Name).ToArray();

    [Theory]
    [InlineData("app=web", "a,b")]
    [InlineData("app==web", "a,b")]
    [InlineData("app!=web", "c,d")]
    [InlineData("app in (web,db)", "a,b,c")]
    [InlineData("app notin (web)", "c,d")]
    [InlineData("tier", "a,b")]
    [InlineData("!tier", "c,d")]
    [InlineData("app=web,tier=back", "b")]
    public async Task Label_selectors_filter_lists(string selector, string expected)
    {
        await SeedAsync();
        Assert.Equal(expected.Split(','), await Names(labelSelector: selector));
    }

    [Fact]
    public async Task Field_selectors_on_name_and_namespace()
    {
        await SeedAsync();
        Assert.Equal(["c"], await Names(fieldSelector: "metadata.name=c"));
        Assert.Equal(["a", "b", "d"], await Names(fieldSelector: "metadata.name!=c"));
        Assert.Equal(4, (await Names(fieldSelector: "metadata.namespace=default")).Length);
    }

    [Fact]
    public async Task Unsupported_field_selector_is_a_400()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Names(fieldSelector: "spec.foo=bar"));
        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
    }

    [Fact]
    public async Task Bad_label_selector_is_a_400()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Names(labelSelector: "app in web"));
        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
    }

    [Fact]
    public async Task Limit_and_continue_page_through_a_consistent_snapshot()
    {
        for (var i = 0; i < 7; i++)
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i}" } }, "default");
        }

        var first = await Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 3);
        Assert.Equal(["cm-0", "cm-1", "cm-2"], first.Items.Select(i => i.Metadata.Name));
        Assert.Equal(4, first.Metadata.RemainingItemCount);

        // Changes after the first page do not leak into later pages: they are served at the first page's resourceVersion.
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cm-9" } }, "default");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("cm-5", "default");

        var names = first.Items.Select(i => i.Metadata.Name).ToList();
        var token = first.Metadata.ContinueProperty;
        while (!string.IsNullOrEmpty(token))
        {
            var page = await Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 3, continueParameter: token);
            Assert.Equal(first.Metadata.ResourceVersion, page.Metadata.ResourceVersion);
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cm-{i}"), names);
    }

    [Fact]
    public async Task Continue_token_older_than_history_is_410_expired()
    {
        for (var i = 0; i < 3; i++)
        {
            await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"p-{i}" } }, "default");
        }

        var first = await Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 1);
        Server.Faults.CompactHistory();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 1, continueParameter: first.Metadata.ContinueProperty));
        Assert.Equal(HttpStatusCode.Gone, e.Response.StatusCode);
        Assert.Contains("Expired", e.Response.Content);
    }

    [Fact]
    public async Task Cluster_wide_list_spans_namespaces()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "other" } });
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, "other");
        var all = await Client.CoreV1.ListConfigMapForAllNamespacesAsync();
        Assert.Equal(["default", "other"], all.Items.Select(i => i.Metadata.NamespaceProperty));
    }
}
