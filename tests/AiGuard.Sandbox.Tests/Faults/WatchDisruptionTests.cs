using System.Net;
using System.Text.Json;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Faults;

/// <summary>The disruptions the benchmark's watch scenario drives: closing every watch, and 410 storms.</summary>
public sealed class WatchDisruptionTests : SandboxFixture
{
    [Fact]
    public async Task Expire_answers_the_next_watches_with_an_error_event_and_lists_with_410_then_stops()
    {
        using var http = Server.CreateHttpClient();
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        var armed = await http.PostAsync("/sandbox/faults/expire?count=2&resource=configmaps", null);
        Assert.Equal(HttpStatusCode.OK, armed.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await armed.Content.ReadAsStringAsync()).RootElement.GetProperty("armed").GetInt32());

        // Another resource is untouched while configmaps are armed.
        await Client.CoreV1.ListNamespacedSecretAsync("default");

        // A watch from a resourceVersion the server still has: answered like an expired one, 200 with one ERROR event.
        using var watch = await http.GetAsync($"/api/v1/namespaces/default/configmaps?watch=1&resourceVersion={list.Metadata.ResourceVersion}");
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        var lines = (await watch.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Equal("ERROR", error.GetProperty("type").GetString());
        Assert.Equal(410, error.GetProperty("object").GetProperty("code").GetInt32());
        Assert.Equal("Expired", error.GetProperty("object").GetProperty("reason").GetString());

        var expired = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedConfigMapAsync("default"));
        Assert.Equal(HttpStatusCode.Gone, expired.Response.StatusCode);
        Assert.Equal(0, Server.Faults.ExpiriesLeft);

        await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        Assert.Equal(1, Server.Metrics.Count("list", "configmaps", 410));
    }

    [Fact]
    public async Task Expire_never_touches_writes_or_single_gets()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept" } }, "default");
        Server.Faults.ExpireNext(5);
        await Client.CoreV1.ReadNamespacedConfigMapAsync("kept", "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "also" } }, "default");
        Assert.Equal(5, Server.Faults.ExpiriesLeft);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1000001")]
    [InlineData("99999999999999999999999999999999999999999")]
    [InlineData("ten")]
    public async Task Expire_rejects_a_bad_count_naming_the_parameter_and_arms_nothing(string count)
    {
        using var http = Server.CreateHttpClient();
        var response = await http.PostAsync($"/sandbox/faults/expire?count={Uri.EscapeDataString(count)}", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!;
        Assert.Contains("count", message, StringComparison.Ordinal);
        Assert.True(message.Length < 200, message);
        Assert.Equal(0, Server.Faults.ExpiriesLeft);
        await Client.CoreV1.ListNamespacedConfigMapAsync("default");
    }

    [Fact]
    public async Task Close_watches_without_a_resource_ends_every_open_watch()
    {
        using var http = Server.CreateHttpClient();
        using var configMaps = new WatchRecorder<V1ConfigMap>((onEvent, onError, onClosed) =>
            Client.CoreV1.WatchListNamespacedConfigMap("default", onEvent: onEvent, onError: onError, onClosed: onClosed));
        using var secrets = new WatchRecorder<V1Secret>((onEvent, onError, onClosed) =>
            Client.CoreV1.WatchListNamespacedSecret("default", onEvent: onEvent, onError: onError, onClosed: onClosed));
        await Eventually.ReturnsAsync(() => Task.FromResult(Server.Metrics.Count("watch", "configmaps") + Server.Metrics.Count("watch", "secrets")), n => n == 2, what: "both watches open");

        // A watch counts as open in the metrics just before it subscribes, so close until both streams ended.
        var closed = 0;
        await Eventually.ReturnsAsync(async () =>
        {
            var response = await http.PostAsync("/sandbox/faults/close-watches", null);
            closed += JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("closed").GetInt32();
            return configMaps.Closed.Task.IsCompleted && secrets.Closed.Task.IsCompleted;
        }, done => done, what: "both watches closed");
        Assert.Equal(2, closed);
    }
}
