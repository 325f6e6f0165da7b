using System.Net;
using System.Text;
using System.Text.Json;

namespace AiGuard.Sandbox.Tests.Support;

/// <summary>A raw HTTP exchange with a sandbox: any body, any content type, the answer as status, Status JSON and headers.</summary>
public sealed class RawHttp(Uri baseAddress, string? token) : IDisposable
{
    private readonly HttpClient http = Client(baseAddress, token);

    /// <summary>Talks to the sandbox as its admin (system:masters), so limits and parsing are tested past authorization.</summary>
    public RawHttp(AiGuard.Sandbox.SandboxServer server)
        : this(server.BaseAddress, server.AdminToken)
    {
    }

    private static HttpClient Client(Uri baseAddress, string? token)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is { Length: > 0 })
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task<RawAnswer> SendAsync(string method, string path, byte[]? body = null, string? contentType = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        return new RawAnswer(response.StatusCode, text, warnings);
    }

    public Task<RawAnswer> SendAsync(string method, string path, string body, string contentType) =>
        SendAsync(method, path, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>True when /version still answers 200: the server survived whatever came before.</summary>
    public async Task<bool> IsAliveAsync() => (await SendAsync("GET", "/version")).Status == HttpStatusCode.OK;

    public void Dispose() => http.Dispose();
}

/// <summary>One answer: the status code, the body text and the Warning headers.</summary>
public sealed record RawAnswer(HttpStatusCode Status, string Text, IReadOnlyList<string> Warnings)
{
    public int Code => (int)Status;

    /// <summary>The answer as a Status object's reason and message (empty when the body is not one).</summary>
    public (string Reason, string Message) StatusObject
    {
        get
        {
            try
            {
                using var doc = JsonDocument.Parse(Text);
                var root = doc.RootElement;
                return root.TryGetProperty("kind", out var kind) && kind.GetString() == "Status"
                    ? (root.GetProperty("reason").GetString() ?? "", root.GetProperty("message").GetString() ?? "")
                    : ("", "");
            }
            catch (JsonException)
            {
                return ("", "");
            }
        }
    }

    public override string ToString() => $"{Code} {(Text.Length > 300 ? Text[..300] : Text)}";
}
