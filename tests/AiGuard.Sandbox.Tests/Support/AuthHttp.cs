using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Tests.Support;

/// <summary>Raw JSON requests to a sandbox as a chosen identity: a bearer token, none (anonymous), or impersonation headers.</summary>
public sealed class AuthHttp(SandboxServer server)
{
    public async Task<(int Code, JsonObject Body)> SendAsync(HttpMethod method, string path, string? token, object? body = null, params (string Name, string Value)[] headers)
    {
        using var http = server.CreateHttpClient(token ?? "");
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        if (body is not null)
        {
            var json = body as string ?? System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var parsed = text.StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : new JsonObject { ["text"] = text };
        return ((int)response.StatusCode, parsed);
    }

    public Task<(int Code, JsonObject Body)> GetAsync(string path, string? token) => SendAsync(HttpMethod.Get, path, token);

    public Task<(int Code, JsonObject Body)> PostAsync(string path, string? token, object body) => SendAsync(HttpMethod.Post, path, token, body);

    /// <summary>Creates (as admin) a namespace and a ServiceAccount in it and returns a token for it from the TokenRequest API.</summary>
    public async Task<string> ServiceAccountTokenAsync(string ns, string name, long expirationSeconds = 3600)
    {
        await SendAsync(HttpMethod.Post, "/api/v1/namespaces", server.AdminToken, new { metadata = new { name = ns } });
        await SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/serviceaccounts", server.AdminToken, new { metadata = new { name } });
        var (code, body) = await PostAsync($"/api/v1/namespaces/{ns}/serviceaccounts/{name}/token", server.AdminToken,
            new { apiVersion = "authentication.k8s.io/v1", kind = "TokenRequest", spec = new { expirationSeconds } });
        Assert.True(code == 201, body.ToJsonString());
        return body["status"]!["token"]!.GetValue<string>();
    }

    /// <summary>Creates an object as admin and fails the test unless it was created.</summary>
    public async Task AdminCreateAsync(string path, string json)
    {
        var (code, body) = await SendAsync(HttpMethod.Post, path, server.AdminToken, json);
        Assert.True(code == 201, body.ToJsonString());
    }
}
