using System.Net;
using System.Text;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Hostile;

/// <summary>
/// kube-apiserver's 3 MiB request body limit (413 without reading further) and etcd's 1.5 MiB object limit
/// (refused however the object got there, including a patch that grows it).
/// </summary>
public sealed class SizeLimitTests : SandboxFixture
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const int BodyLimit = 3 * 1024 * 1024;

    private string Head(string extra) =>
        $"POST {ConfigMaps} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {Server.AdminToken}\r\nContent-Type: application/json\r\n{extra}\r\n";

    private static string ConfigMapJson(string name, int valueBytes) =>
        $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"{name}\"}},\"data\":{{\"big\":\"{new string('x', valueBytes)}\"}}}}";

    [Fact]
    public async Task A_body_declared_over_the_limit_is_413_before_it_is_sent()
    {
        // 60 MB announced, 16 bytes sent: the answer must come without the server waiting for the rest.
        var (status, response, _) = await RawSocket.ExchangeAsync(Server.BaseAddress, Head("Content-Length: 60000000\r\n"),
            (stream, token) => RawSocket.WriteFillAsync(stream, 16, (byte)' ', chunked: false, token));

        Assert.StartsWith("HTTP/1.1 413", status);
        Assert.Contains("\"reason\":\"RequestEntityTooLarge\"", response);
        Assert.Contains("Request entity too large: limit is 3145728", response);
    }

    [Fact]
    public async Task An_endless_chunked_body_is_cut_off_at_the_limit()
    {
        const long endless = 256L * 1024 * 1024;
        var (status, _, sent) = await RawSocket.ExchangeAsync(Server.BaseAddress, Head("Transfer-Encoding: chunked\r\n"),
            (stream, token) => RawSocket.WriteFillAsync(stream, endless, (byte)' ', chunked: true, token));

        Assert.StartsWith("HTTP/1.1 413", status);
        Assert.True(sent < endless, "the server read the whole endless body before answering");
        using var http = new RawHttp(Server);
        Assert.True(await http.IsAliveAsync());
    }

    [Fact]
    public async Task A_content_length_smaller_than_the_body_reads_only_what_it_declares_and_answers_400()
    {
        var (status, _, _) = await RawSocket.ExchangeAsync(Server.BaseAddress, Head("Content-Length: 10\r\n"),
            (stream, token) => RawSocket.WriteFillAsync(stream, 4L * 1024 * 1024, (byte)'{', chunked: false, token));

        Assert.StartsWith("HTTP/1.1 400", status);
        using var http = new RawHttp(Server);
        Assert.True(await http.IsAliveAsync());
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        // A valid object of about 2.9 MiB: the body is accepted, the object is then too large for etcd.
        using var http = new RawHttp(Server);
        var answer = await http.SendAsync("POST", ConfigMaps, ConfigMapJson("near-limit", BodyLimit - 200_000), "application/json");

        Assert.Equal(413, answer.Code);
        Assert.Equal(("RequestEntityTooLarge", "etcdserver: request is too large"), answer.StatusObject);
    }

    [Fact]
    public async Task An_object_over_one_and_a_half_mebibytes_is_refused_and_not_stored()
    {
        using var http = new RawHttp(Server);
        var answer = await http.SendAsync("POST", ConfigMaps, ConfigMapJson("too-big", 1600 * 1024), "application/json");

        Assert.Equal(413, answer.Code);
        Assert.Equal("etcdserver: request is too large", answer.StatusObject.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync("GET", ConfigMaps + "/too-big")).Status);
    }

    [Fact]
    public async Task An_object_under_the_limit_is_stored()
    {
        using var http = new RawHttp(Server);
        var answer = await http.SendAsync("POST", ConfigMaps, ConfigMapJson("fits", 1400 * 1024), "application/json");

        Assert.Equal(HttpStatusCode.Created, answer.Status);
    }

    [Fact]
    public async Task A_patch_that_grows_an_object_past_the_limit_is_refused_and_changes_nothing()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "growing" },
            Data = new Dictionary<string, string> { ["a"] = new string('a', 1024 * 1024) },
        }, "default");
        using var http = new RawHttp(Server);
        var patch = Encoding.UTF8.GetBytes($"{{\"data\":{{\"b\":\"{new string('b', 700 * 1024)}\"}}}}");

        var answer = await http.SendAsync("PATCH", ConfigMaps + "/growing", patch, "application/merge-patch+json");

        Assert.Equal(413, answer.Code);
        Assert.Equal("etcdserver: request is too large", answer.StatusObject.Message);
        var after = await Client.CoreV1.ReadNamespacedConfigMapAsync("growing", "default");
        Assert.Equal(created.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.False(after.Data.ContainsKey("b"));
    }
}
