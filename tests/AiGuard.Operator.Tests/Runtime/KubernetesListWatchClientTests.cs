using System.Net;
using System.Text;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Runtime;

public sealed class KubernetesListWatchClientTests
{
    [Fact]
    public async Task Lists_a_core_resource_page_with_its_query_and_the_client_credentials()
    {
        var server = new StubApiServer((_, _) => Json(HttpStatusCode.OK, """
            {"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":"next-page"},
             "items":[{"metadata":{"name":"a","namespace":"ml-prod","resourceVersion":"40"},"data":{"k":"v"}}]}
            """));
        using var kubernetes = server.Client();
        var client = new KubernetesListWatchClient<V1ConfigMap>(kubernetes);

        var page = await client.ListAsync("ml-prod", "app.kubernetes.io/managed-by=aiguard-operator", 500, "tok/en", CancellationToken.None);

        var request = server.Requests.Single();
        Assert.Equal("/api/v1/namespaces/ml-prod/configmaps", request.Uri.AbsolutePath);
        Assert.Equal(
            "?limit=500&continue=tok%2Fen&labelSelector=app.kubernetes.io%2Fmanaged-by%3Daiguard-operator",
            request.Uri.Query);
        Assert.Equal("Bearer test-token", request.Authorization);
        Assert.Equal("42", page.ResourceVersion);
        Assert.Equal("next-page", page.Continue);
        Assert.Equal("v", page.Items.Single().Data["k"]);
    }

    [Fact]
    public async Task Lists_a_named_group_across_namespaces_and_reports_the_last_page()
    {
        var server = new StubApiServer((_, _) => Json(HttpStatusCode.OK, """{"metadata":{"resourceVersion":"7"},"items":[]}"""));
        using var kubernetes = server.Client();
        var client = new KubernetesListWatchClient<V1NetworkPolicy>(kubernetes);

        var page = await client.ListAsync(null, null, 500, null, CancellationToken.None);

        Assert.Equal("/apis/networking.k8s.io/v1/networkpolicies", server.Requests.Single().Uri.AbsolutePath);
        Assert.Null(page.Continue);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Watches_from_a_resource_version_and_reads_every_event_type()
    {
        const string stream = """
            {"type":"ADDED","object":{"metadata":{"name":"a","namespace":"ns","resourceVersion":"11"}}}
            {"type":"MODIFIED","object":{"metadata":{"name":"a","namespace":"ns","resourceVersion":"12"}}}

            {"type":"BOOKMARK","object":{"kind":"ConfigMap","metadata":{"resourceVersion":"15"}}}
            {"type":"DELETED","object":{"metadata":{"name":"a","namespace":"ns","resourceVersion":"16"}}}
            {"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 10 (16)"}}
            """;
        var server = new StubApiServer((_, _) => Json(HttpStatusCode.OK, stream));
        using var kubernetes = server.Client();
        var client = new KubernetesListWatchClient<V1ConfigMap>(kubernetes);

        var events = new List<WatchEvent<V1ConfigMap>>();
        await foreach (var item in client.WatchAsync("ns", "app=x", "10", 345, true, CancellationToken.None))
        {
            events.Add(item);
        }

        var query = server.Requests.Single().Uri.Query;
        Assert.Equal("?watch=true&timeoutSeconds=345&resourceVersion=10&labelSelector=app%3Dx&allowWatchBookmarks=true", query);
        Assert.Equal(
            [WatchEventType.Added, WatchEventType.Modified, WatchEventType.Bookmark, WatchEventType.Deleted, WatchEventType.Error],
            events.Select(e => e.Type));
        Assert.Equal(["11", "12", "15", "16"], events.Take(4).Select(e => e.Object!.Metadata.ResourceVersion));
        Assert.Equal(410, events[4].Status!.Code);
    }

    [Fact]
    public async Task Reads_events_split_across_reads_with_the_object_before_the_type()
    {
        const string stream = "{\"object\":{\"metadata\":{\"name\":\"a\",\"namespace\":\"ns\",\"resourceVersion\":\"11\"},\"data\":{\"k\":\"v\\n\"}},\"type\":\"ADDED\"}\r\n"
            + "{\"type\":\"MODIFIED\",\"extra\":[1,{\"object\":2}],\"object\":{\"metadata\":{\"name\":\"a\",\"namespace\":\"ns\",\"resourceVersion\":\"12\"}}}\n";
        var server = new StubApiServer((_, _) => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new TrickleStream(Encoding.UTF8.GetBytes(stream), chunk: 7)),
        });
        using var kubernetes = server.Client();
        var client = new KubernetesListWatchClient<V1ConfigMap>(kubernetes);

        var events = new List<WatchEvent<V1ConfigMap>>();
        await foreach (var item in client.WatchAsync("ns", null, "10", 60, false, CancellationToken.None))
        {
            events.Add(item);
        }

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified], events.Select(e => e.Type));
        Assert.Equal(["11", "12"], events.Select(e => e.Object!.Metadata.ResourceVersion));
        Assert.Equal("v\n", events[0].Object!.Data["k"]);
    }

    [Theory]
    [InlineData("{\"type\":\"ADDED\"}", "has no object")]
    [InlineData("{\"type\":\"ADDED\",\"object\":\"text\"}", "has no object")]
    [InlineData("{\"type\":\"SURPRISE\",\"object\":{}}", "unknown watch event type 'SURPRISE'")]
    public async Task A_malformed_event_fails_the_watch_with_what_is_wrong(string line, string expected)
    {
        var server = new StubApiServer((_, _) => Json(HttpStatusCode.OK, line + "\n"));
        using var kubernetes = server.Client();
        var client = new KubernetesListWatchClient<V1ConfigMap>(kubernetes);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(null, null, "1", 60, false, CancellationToken.None))
            {
            }
        });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_that_never_ends_fails_the_watch_once_it_passes_the_bound_instead_of_filling_memory()
    {
        var body = new EndlessLine();
        var server = new StubApiServer((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
        using var kubernetes = server.Client();
        var client = new KubernetesListWatchClient<V1ConfigMap>(kubernetes);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync("ns", null, "1", 60, false, CancellationToken.None))
            {
            }
        });

        Assert.Contains("WATCH /api/v1/namespaces/ns/configmaps: an event is longer than 16 MiB without a line end", error.Message, StringComparison.Ordinal);
        Assert.InRange(body.Served, KubernetesListWatchClient<V1ConfigMap>.MaxEventBytes, KubernetesListWatchClient<V1ConfigMap>.MaxEventBytes + (1024 * 1024));
    }

    [Fact]
    public async Task A_line_that_is_not_json_fails_the_watch()
    {
        var server = new StubApiServer((_, _) => Json(HttpStatusCode.OK, "<html>proxy error</html>\n"));
        using var kubernetes = server.Client();
        var client = new KubernetesListWatchClient<V1ConfigMap>(kubernetes);

        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(null, null, "1", 60, false, CancellationToken.None))
            {
            }
        });
    }

    [Fact]
    public async Task An_http_410_becomes_a_gone_exception_with_the_status_reason()
    {
        var server = new StubApiServer((_, _) => Json(HttpStatusCode.Gone,
            """{"kind":"Status","status":"Failure","message":"too old resource version: 1 (9)","reason":"Expired","code":410}"""));
        using var kubernetes = server.Client();
        var client = new KubernetesListWatchClient<V1ConfigMap>(kubernetes);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(null, null, "1", 300, true, CancellationToken.None))
            {
            }
        });

        Assert.True(error.IsGone);
        Assert.Equal("Expired", error.Reason);
        Assert.Contains("too old resource version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_status_error_body_still_reports_the_code()
    {
        var server = new StubApiServer((_, _) => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html>bad gateway</html>", Encoding.UTF8, "text/html"),
        });
        using var kubernetes = server.Client();
        var client = new KubernetesListWatchClient<V1ConfigMap>(kubernetes);

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.ListAsync(null, null, 500, null, CancellationToken.None));

        Assert.Equal(502, error.Code);
        Assert.False(error.IsGone);
        Assert.Contains("bad gateway", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_resource_address_from_the_entity_attribute()
    {
        Assert.Equal(new ApiResource(string.Empty, "v1", "configmaps"), ApiResource.For<V1ConfigMap>());
        Assert.Equal("apis/coordination.k8s.io/v1/namespaces/kube-system/leases", ApiResource.For<V1Lease>().CollectionPath("kube-system"));
        Assert.Equal("apis/aiguard.io/v1alpha1/modeldeployments", ApiResource.For<AiGuard.Api.ModelDeployments.ModelDeployment>().CollectionPath(null));
    }

    private static HttpResponseMessage Json(HttpStatusCode code, string body) =>
        new(code) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>Answers KubernetesClient's requests in-process: a DelegatingHandler at the end of its pipeline.</summary>
    private sealed class StubApiServer(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : DelegatingHandler
    {
        private readonly List<SeenRequest> _requests = [];

        public IReadOnlyList<SeenRequest> Requests => _requests;

        public Kubernetes Client() =>
            new(new KubernetesClientConfiguration { Host = "http://apiserver.test", AccessToken = "test-token" }, this);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _requests.Add(new SeenRequest(request.RequestUri!, request.Headers.Authorization?.ToString()));
            return Task.FromResult(answer(request, _requests.Count));
        }
    }

    /// <summary>A body that arrives a few bytes at a time, as over a slow connection.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }

    /// <summary>A body that opens an event and never ends it: as much 'x' as the reader asks for, counted.</summary>
    private sealed class EndlessLine : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var start = Served == 0 ? "{\"type\":\"ADDED\",\"object\":{\"data\":{\"k\":\""u8 : [];
            start.CopyTo(buffer);
            buffer[start.Length..].Fill((byte)'x');
            Served += buffer.Length;
            return buffer.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed record SeenRequest(Uri Uri, string? Authorization);
}
