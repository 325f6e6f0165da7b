using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using AiGuard.Sandbox.Faults;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Faults;

/// <summary>Fault injection in-process and over /sandbox/faults.</summary>
public sealed class FaultInjectionTests : SandboxFixture
{
    [Fact]
    public async Task Counted_fault_fails_matching_requests_with_retry_after_then_stops()
    {
        Server.Faults.Add(new FaultRule { Verb = "create", Resource = "configmaps", Count = 2, StatusCode = 503, RetryAfterSeconds = 3 });
        for (var i = 0; i < 2; i++)
        {
            var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "f" } }, "default"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Response.StatusCode);
            Assert.Equal("3", e.Response.Headers["Retry-After"].Single());
        }

        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "f" } }, "default");
        Assert.Empty(Server.Faults.Rules);
        Assert.Equal(2, Server.Metrics.Count("create", "configmaps", 503));
    }

    [Fact]
    public async Task Faults_match_only_their_verb_resource_and_namespace()
    {
        Server.Faults.Add(new FaultRule { Verb = "get", Resource = "secrets", Namespace = "kube-system", StatusCode = 500 });
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "default");
        await Client.CoreV1.ReadNamespacedSecretAsync("s", "default");
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "kube-system");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedSecretAsync("s", "kube-system"));
        Assert.Equal(HttpStatusCode.InternalServerError, e.Response.StatusCode);
    }

    [Fact]
    public async Task Latency_fault_delays_without_failing()
    {
        var rule = Server.Faults.Add(new FaultRule { Verb = "list", Resource = "configmaps", StatusCode = 0, Latency = TimeSpan.FromMilliseconds(300) });
        var watch = Stopwatch.StartNew();
        await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        Assert.True(watch.ElapsedMilliseconds >= 280, $"took {watch.ElapsedMilliseconds} ms");
        Assert.True(Server.Faults.Remove(rule.Id));
    }

    [Fact]
    public async Task Probability_zero_never_fires()
    {
        Server.Faults.Add(new FaultRule { Resource = "configmaps", Probability = 0 });
        for (var i = 0; i < 5; i++)
        {
            await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        }
    }

    [Fact]
    public async Task Http_admin_endpoint_adds_lists_and_clears_rules()
    {
        using var http = Server.CreateHttpClient();
        var add = await http.PostAsync("/sandbox/faults", new StringContent("{\"verb\":\"list\",\"resource\":\"pods\",\"statusCode\":429,\"retryAfterSeconds\":1,\"count\":1}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        var listed = JsonDocument.Parse(await http.GetStringAsync("/sandbox/faults")).RootElement.GetProperty("rules");
        Assert.Equal(429, listed[0].GetProperty("statusCode").GetInt32());

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ListNamespacedPodAsync("default"));
        Assert.Equal((HttpStatusCode)429, e.Response.StatusCode);

        var bad = await http.PostAsync("/sandbox/faults", new StringContent("{\"verbb\":\"list\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("verbb", await bad.Content.ReadAsStringAsync());

        await http.PostAsync("/sandbox/faults", new StringContent("{\"resource\":\"pods\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync("/sandbox/faults")).StatusCode);
        Assert.Empty(Server.Faults.Rules);
    }

    [Fact]
    public async Task Http_admin_endpoint_closes_watches_and_compacts_history()
    {
        using var http = Server.CreateHttpClient();
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync("default");
        using var recorder = new WatchRecorder<V1ConfigMap>((onEvent, onError, onClosed) =>
            Client.CoreV1.WatchListNamespacedConfigMap("default", resourceVersion: list.Metadata.ResourceVersion, onEvent: onEvent, onError: onError, onClosed: onClosed));
        await Eventually.ReturnsAsync(async () =>
        {
            var response = await http.PostAsync("/sandbox/faults/close-watches?resource=configmaps", null);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("closed").GetInt32();
        }, n => n > 0, what: "a watch to close");
        await recorder.Closed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var compact = await http.PostAsync("/sandbox/faults/compact", null);
        Assert.Equal(HttpStatusCode.OK, compact.StatusCode);
        using var stale = new WatchRecorder<V1ConfigMap>((onEvent, onError, onClosed) =>
            Client.CoreV1.WatchListNamespacedConfigMap("default", resourceVersion: list.Metadata.ResourceVersion, onEvent: onEvent, onError: onError, onClosed: onClosed));
        await Eventually.ReturnsAsync(() => Task.FromResult(stale.Errors.Count), n => n > 0, what: "410 after compaction");
    }
}
