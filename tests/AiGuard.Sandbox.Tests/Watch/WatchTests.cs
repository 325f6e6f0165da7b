using System.Net.Http.Headers;
using System.Text.Json;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Watch;

/// <summary>Watch semantics through KubernetesClient and raw HTTP: order, resume, 410, bookmarks, WatchList, filters, tables.</summary>
public sealed class WatchTests : SandboxFixture
{
    private WatchRecorder<V1ConfigMap> WatchConfigMaps(string? resourceVersion = null, string? labelSelector = null, bool? bookmarks = null, int? timeoutSeconds = null) =>
        WatchConfigMaps(Client, resourceVersion, labelSelector, bookmarks, timeoutSeconds);

    private static WatchRecorder<V1ConfigMap> WatchConfigMaps(Kubernetes client, string? resourceVersion = null, string? labelSelector = null, bool? bookmarks = null, int? timeoutSeconds = null) =>
        new((onEvent, onError, onClosed) => client.CoreV1.WatchListNamespacedConfigMap(
            "default", allowWatchBookmarks: bookmarks, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds,
            onEvent: onEvent, onError: onError, onClosed: onClosed));

    private Task<V1ConfigMap> Create(string name, Dictionary<string, string>? labels = null) =>
        Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels } }, "default");

    [Fact]
    public async Task Watch_from_a_list_resource_version_sees_changes_in_order()
    {
        await Create("before");
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var recorder = WatchConfigMaps(list.Metadata.ResourceVersion);
        await Create("w");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"k\":\"v\"}}", V1Patch.PatchType.MergePatch), "w", "default");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("w", "default");

        await recorder.WaitForAsync(e => e.Type == WatchEventType.Deleted);
        var types = recorder.Events.Select(e => (e.Type, e.Object.Metadata.Name)).ToList();
        Assert.Equal([(WatchEventType.Added, "w"), (WatchEventType.Modified, "w"), (WatchEventType.Deleted, "w")], types);
        var versions = recorder.Events.Select(e => long.Parse(e.Object.Metadata.ResourceVersion)).ToList();
        Assert.Equal(versions.Order(), versions);
    }

    [Fact]
    public async Task Watch_without_resource_version_starts_with_current_objects_as_added()
    {
        await Create("existing");
        using var recorder = WatchConfigMaps();
        await recorder.WaitForAsync(e => e.Type == WatchEventType.Added && e.Object.Metadata.Name == "existing");
    }

    [Fact]
    public async Task Watch_resumes_after_the_server_closes_it()
    {
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var first = WatchConfigMaps(list.Metadata.ResourceVersion);
        await Create("one");
        await first.WaitForAsync(e => e.Object.Metadata.Name == "one");
        await Eventually.ReturnsAsync(() => Task.FromResult(Server.Faults.CloseWatches("configmaps")), n => n > 0, what: "an open watch to close");
        await first.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var last = first.Events.Last().Object.Metadata.ResourceVersion;
        await Create("two");
        using var resumed = WatchConfigMaps(last);
        await resumed.WaitForAsync(e => e.Object.Metadata.Name == "two");
        Assert.DoesNotContain(resumed.Events, e => e.Object.Metadata.Name == "one");
    }

    [Fact]
    public async Task Watch_from_a_compacted_resource_version_gets_410_and_recovers_by_relisting()
    {
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        await Create("during");
        Server.Faults.CompactHistory();

        using var stale = WatchConfigMaps(list.Metadata.ResourceVersion);
        await Eventually.ReturnsAsync(() => Task.FromResult(stale.Errors.Count), n => n > 0, what: "a 410 error");
        var error = Assert.IsType<KubernetesException>(stale.Errors.First());
        Assert.Equal(410, error.Status.Code);
        Assert.Equal("Expired", error.Status.Reason);

        var relist = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        Assert.Contains(relist.Items, i => i.Metadata.Name == "during");
        using var fresh = WatchConfigMaps(relist.Metadata.ResourceVersion);
        await Create("after");
        await fresh.WaitForAsync(e => e.Object.Metadata.Name == "after");
    }

    [Fact]
    public async Task History_size_bounds_how_far_back_a_watch_can_resume()
    {
        await using var small = await SandboxServer.StartAsync(new SandboxOptions { HistorySize = 3 });
        using var client = small.CreateClient();
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default");
        for (var i = 0; i < 5; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"h{i}" } }, "default");
        }

        using var recorder = WatchConfigMaps(client, list.Metadata.ResourceVersion);
        await Eventually.ReturnsAsync(() => Task.FromResult(recorder.Errors.Count), n => n > 0, what: "a 410 error");
    }

    [Fact]
    public async Task Bookmarks_arrive_when_allowed()
    {
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var recorder = WatchConfigMaps(list.Metadata.ResourceVersion, bookmarks: true);
        await recorder.WaitForAsync(e => e.Type == WatchEventType.Bookmark, what: "a bookmark");
        var bookmark = recorder.Events.First(e => e.Type == WatchEventType.Bookmark).Object;
        Assert.True(long.Parse(bookmark.Metadata.ResourceVersion) >= long.Parse(list.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Selector_watch_turns_objects_leaving_the_selection_into_deleted()
    {
        await Create("tracked", new Dictionary<string, string> { ["app"] = "web" });
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var recorder = WatchConfigMaps(list.Metadata.ResourceVersion, labelSelector: "app=web");
        await Create("ignored", new Dictionary<string, string> { ["app"] = "db" });
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"app\":\"db\"}}}", V1Patch.PatchType.MergePatch), "tracked", "default");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"app\":\"web\"}}}", V1Patch.PatchType.MergePatch), "ignored", "default");

        await recorder.WaitForAsync(e => e.Type == WatchEventType.Added);
        Assert.Equal([(WatchEventType.Deleted, "tracked"), (WatchEventType.Added, "ignored")], recorder.Events.Select(e => (e.Type, e.Object.Metadata.Name)));
    }

    [Fact]
    public async Task Watch_list_sends_initial_objects_then_the_initial_events_end_bookmark()
    {
        await Create("seed");
        using var http = Server.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "/api/v1/namespaces/default/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
        Assert.Equal("ADDED", first.GetProperty("type").GetString());
        Assert.Equal("seed", first.GetProperty("object").GetProperty("metadata").GetProperty("name").GetString());
        var second = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
        Assert.Equal("BOOKMARK", second.GetProperty("type").GetString());
        Assert.Equal("true", second.GetProperty("object").GetProperty("metadata").GetProperty("annotations").GetProperty("k8s.io/initial-events-end").GetString());
    }

    [Fact]
    public async Task Table_watch_events_are_one_row_tables()
    {
        using var http = Server.CreateHttpClient();
        var rv = (await Client.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps?watch=1&resourceVersion={rv}");
        request.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await Create("tabled");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var e = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
        var table = e.GetProperty("object");
        Assert.Equal("Table", table.GetProperty("kind").GetString());
        var row = Assert.Single(table.GetProperty("rows").EnumerateArray());
        Assert.Equal("tabled", row.GetProperty("cells")[0].GetString());
    }

    [Fact]
    public async Task Timeout_seconds_ends_the_watch()
    {
        using var recorder = WatchConfigMaps(timeoutSeconds: 1);
        await recorder.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WatchAsync_stream_receives_custom_resource_events()
    {
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crds.Widget());
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var stream = Client.CustomObjects.WatchListNamespacedCustomObjectAsync(Crds.Group, "v1", "default", Crds.Plural, cancellationToken: cts.Token);
        var created = Task.Run(async () =>
        {
            await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Crds.NewWidget("streamed"), Crds.Group, "v1", "default", Crds.Plural);
        });
        await foreach (var (type, obj) in stream)
        {
            Assert.Equal(WatchEventType.Added, type);
            Assert.Equal("streamed", Crds.AsJson(obj).GetProperty("metadata").GetProperty("name").GetString());
            break;
        }

        await created;
    }
}
