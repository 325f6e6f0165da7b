using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Protobuf;
using AiGuard.Sandbox.Tests.Clients;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiGuard.Sandbox.Tests.Protobuf;

/// <summary>
/// Captures the protobuf bodies real kubectl generators POST (a stub server answers discovery and echoes the
/// decoded object) and checks the decoder reads what kubectl meant.
/// </summary>
public sealed class RealKubectlProtobufTests : IAsyncLifetime
{
    private const string ResourceList = """
        {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
          {"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["create","get","list"],"shortNames":["cm"]},
          {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["create","get","list"]},
          {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["create","get","list"],"shortNames":["ns"]}]}
        """;

    private readonly ConcurrentQueue<(string ContentType, JsonObject Decoded)> posts = new();
    private WebApplication? server;
    private string minor = "35";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        server = builder.Build();
        server.MapGet("/version", () => Results.Text($$"""{"major":"1","minor":"{{minor}}","gitVersion":"v1.{{minor}}.0"}""", "application/json"));
        server.MapGet("/api", () => Results.Text("""{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}""", "application/json"));
        server.MapGet("/apis", () => Results.Text("""{"kind":"APIGroupList","apiVersion":"v1","groups":[]}""", "application/json"));
        server.MapGet("/api/v1", () => Results.Text(ResourceList, "application/json"));
        server.MapPost("/api/v1/{**rest}", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var decoded = KubeProtobuf.Decode(buffer.ToArray());
            posts.Enqueue((context.Request.ContentType ?? string.Empty, decoded));
            return Results.Text(decoded.ToJsonString(), "application/json", statusCode: 201);
        });
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("35")]
    [InlineData("33")]
    [InlineData("32")]
    public async Task Decodes_what_kubectl_create_generators_send(string serverMinor)
    {
        minor = serverMinor;
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(60));
        session.WriteKubeconfig(Url());
        Func<string[], Task<ClientRun>> kubectl = serverMinor == "35" ? session.KubectlAsync : session.SystemKubectlAsync;

        await Succeeds(kubectl(["create", "configmap", "cm", "--from-literal=a=b", "--dry-run=server", "-o", "name"]));
        await Succeeds(kubectl(["create", "secret", "generic", "s", "--from-literal=token=c2VjcmV0", "--type=example.com/t", "--dry-run=server", "-o", "name"]));
        await Succeeds(kubectl(["create", "namespace", "team-a", "--dry-run=server", "-o", "name"]));

        var bodies = posts.ToArray();
        Assert.Equal(3, bodies.Length);
        Assert.All(bodies, b => Assert.StartsWith("application/vnd.kubernetes.protobuf", b.ContentType, StringComparison.Ordinal));
        Assert.Equal("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"b"}}""", bodies[0].Decoded.ToJsonString());
        Assert.Equal("Secret", bodies[1].Decoded["kind"]!.GetValue<string>());
        Assert.Equal("example.com/t", bodies[1].Decoded["type"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String("c2VjcmV0"u8.ToArray()), bodies[1].Decoded["data"]!["token"]!.GetValue<string>());
        Assert.Equal("team-a", bodies[2].Decoded["metadata"]!["name"]!.GetValue<string>());
    }

    private static async Task Succeeds(Task<ClientRun> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private string Url() => server!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
