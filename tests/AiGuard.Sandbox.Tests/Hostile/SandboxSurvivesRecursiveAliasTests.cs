using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiGuard.Sandbox.Tests.Hostile;

/// <summary>
/// The finding that started this work: one 70-byte YAML body with a recursive alias took `aiguard sandbox` down.
/// A freshly started sandbox (the host `aiguard sandbox` runs) now answers it 400 and keeps serving.
/// </summary>
public sealed class SandboxSurvivesRecursiveAliasTests
{
    [Fact]
    public async Task The_seventy_byte_recursive_alias_body_is_400_and_the_sandbox_stays_up()
    {
        await using var server = await SandboxServer.StartAsync();
        var body = Encoding.ASCII.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: loop}\ndata: &a [ *a ]\n");
        Assert.Equal(70, body.Length);

        var status = await SendOverSocketAsync(server.BaseAddress, server.AdminToken, body);

        Assert.StartsWith("HTTP/1.1 400", status);
        using var http = server.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/version")).StatusCode);
    }

    // A raw socket, so nothing in a client library can shape or stop the request.
    private static async Task<string> SendOverSocketAsync(Uri baseAddress, string token, byte[] body)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, baseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Type: application/yaml\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? "";
    }
}
