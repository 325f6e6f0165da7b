using System.Text.Json.Nodes;
using AiGuard.Sandbox.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AiGuard.Sandbox.Tests.Auth;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly string tokenFile = Path.Combine(Path.GetTempPath(), $"aiguard-tokens-{Guid.NewGuid():N}.csv");
    private SandboxServer server = null!;
    private AuthHttp http = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(tokenFile, "# static users\nalice-token,alice,uid-alice,\"team-a,auditors\"\nbob-token,bob,uid-bob\n");
        server = await SandboxServer.StartAsync(new SandboxOptions { TimeProvider = time, TokenFile = tokenFile });
        http = new AuthHttp(server);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        File.Delete(tokenFile);
    }

    private async Task<JsonObject> WhoAmIAsync(string? token)
    {
        var (code, body) = await http.PostAsync("/apis/authentication.k8s.io/v1/selfsubjectreviews", token,
            new { apiVersion = "authentication.k8s.io/v1", kind = "SelfSubjectReview" });
        Assert.True(code == 201, body.ToJsonString());
        return body["status"]!["userInfo"]!.AsObject();
    }

    private static string[] Groups(JsonObject user) => user["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Admin_token_authenticates_as_a_member_of_system_masters()
    {
        var user = await WhoAmIAsync(server.AdminToken);

        Assert.Equal("sandbox-admin", user["username"]!.GetValue<string>());
        Assert.Contains("system:masters", Groups(user));
    }

    [Fact]
    public async Task Each_sandbox_has_its_own_admin_token()
    {
        await using var other = await SandboxServer.StartAsync();

        Assert.NotEqual(server.AdminToken, other.AdminToken);
        Assert.Equal(401, (await http.GetAsync("/api/v1/namespaces", other.AdminToken)).Code);
    }

    [Fact]
    public async Task Anonymous_requests_may_read_version_and_health_but_nothing_else()
    {
        Assert.Equal(200, (await http.GetAsync("/version", null)).Code);
        Assert.Equal(200, (await http.GetAsync("/healthz", null)).Code);

        var (apiCode, api) = await http.GetAsync("/api", null);
        var (listCode, list) = await http.GetAsync("/api/v1/namespaces/default/secrets", null);
        var (metricsCode, _) = await http.GetAsync("/metrics", null);

        Assert.Equal(403, apiCode);
        Assert.Equal("forbidden: User \"system:anonymous\" cannot get path \"/api\"", api["message"]!.GetValue<string>());
        Assert.Equal(403, listCode);
        Assert.Equal("Forbidden", list["reason"]!.GetValue<string>());
        Assert.Equal("secrets is forbidden: User \"system:anonymous\" cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"", list["message"]!.GetValue<string>());
        Assert.Equal(403, metricsCode);
    }

    [Fact]
    public async Task Unknown_token_gets_401_Unauthorized_not_anonymous()
    {
        var (code, body) = await http.GetAsync("/version", "guessed-token");

        Assert.Equal(401, code);
        Assert.Equal("Status", body["kind"]!.GetValue<string>());
        Assert.Equal("Unauthorized", body["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Token_file_users_authenticate_with_their_uid_and_groups()
    {
        var alice = await WhoAmIAsync("alice-token");
        var bob = await WhoAmIAsync("bob-token");

        Assert.Equal("alice", alice["username"]!.GetValue<string>());
        Assert.Equal("uid-alice", alice["uid"]!.GetValue<string>());
        Assert.Equal(["team-a", "auditors", "system:authenticated"], Groups(alice));
        Assert.Equal(["system:authenticated"], Groups(bob));
    }

    [Fact]
    public async Task Malformed_token_file_fails_start_naming_file_and_line_without_echoing_tokens()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"aiguard-bad-tokens-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(bad, "good-token,carol,uid-carol\nsecret-value-only\n");
        try
        {
            var error = await Assert.ThrowsAsync<FormatException>(() => SandboxServer.StartAsync(new SandboxOptions { TokenFile = bad }));

            Assert.Contains($"{bad}:2", error.Message);
            Assert.DoesNotContain("secret-value-only", error.Message);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task Service_account_token_authenticates_as_the_account_until_it_expires()
    {
        var token = await http.ServiceAccountTokenAsync("team-a", "builder", expirationSeconds: 600);

        var user = await WhoAmIAsync(token);
        Assert.Equal("system:serviceaccount:team-a:builder", user["username"]!.GetValue<string>());
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"], Groups(user));

        time.Advance(TimeSpan.FromSeconds(599));
        Assert.Equal(201, (await http.PostAsync("/apis/authentication.k8s.io/v1/selfsubjectreviews", token, new { kind = "SelfSubjectReview" })).Code);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(401, (await http.PostAsync("/apis/authentication.k8s.io/v1/selfsubjectreviews", token, new { kind = "SelfSubjectReview" })).Code);
    }

    [Fact]
    public async Task Token_stops_working_when_its_service_account_is_deleted_even_if_recreated()
    {
        var token = await http.ServiceAccountTokenAsync("team-b", "runner");
        Assert.Equal(201, (await http.PostAsync("/apis/authentication.k8s.io/v1/selfsubjectreviews", token, new { kind = "SelfSubjectReview" })).Code);

        Assert.Equal(200, (await http.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/team-b/serviceaccounts/runner", server.AdminToken)).Code);
        await http.AdminCreateAsync("/api/v1/namespaces/team-b/serviceaccounts", """{"metadata":{"name":"runner"}}""");

        Assert.Equal(401, (await http.PostAsync("/apis/authentication.k8s.io/v1/selfsubjectreviews", token, new { kind = "SelfSubjectReview" })).Code);
    }

    [Fact]
    public async Task Token_request_needs_an_existing_account_and_a_lifetime_of_at_least_ten_minutes()
    {
        var (missingCode, _) = await http.PostAsync("/api/v1/namespaces/default/serviceaccounts/ghost/token", server.AdminToken, new { spec = new { } });
        await http.AdminCreateAsync("/api/v1/namespaces/default/serviceaccounts", """{"metadata":{"name":"short"}}""");
        var (shortCode, shortBody) = await http.PostAsync("/api/v1/namespaces/default/serviceaccounts/short/token", server.AdminToken, new { spec = new { expirationSeconds = 60 } });

        Assert.Equal(404, missingCode);
        Assert.Equal(422, shortCode);
        Assert.Contains("spec.expirationSeconds", shortBody["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_service_account_cannot_mint_tokens_without_rbac_permission()
    {
        var token = await http.ServiceAccountTokenAsync("team-c", "plain");
        await http.AdminCreateAsync("/api/v1/namespaces/team-c/serviceaccounts", """{"metadata":{"name":"powerful"}}""");

        var (code, body) = await http.PostAsync("/api/v1/namespaces/team-c/serviceaccounts/powerful/token", token, new { spec = new { } });

        Assert.Equal(403, code);
        Assert.Equal("serviceaccounts \"powerful\" is forbidden: User \"system:serviceaccount:team-c:plain\" cannot create resource \"serviceaccounts/token\" in API group \"\" in the namespace \"team-c\"",
            body["message"]!.GetValue<string>());
    }
}
