using AiGuard.Sandbox.Tests.Clients;

namespace AiGuard.Sandbox.Tests.Auth;

/// <summary>
/// Namespace tenancy with the project's aggregated ClusterRoles (config/rbac/aggregated_cluster_roles.yaml), checked
/// with real kubectl 1.35 twice: impersonating users (--as) and authenticating with ServiceAccount tokens.
/// </summary>
public sealed class TenancyTests : IAsyncLifetime, IDisposable
{
    private SandboxServer server = null!;
    private KubeClientSession admin = null!;

    private static string Repo(params string[] parts) => Path.Combine([KubeClientTools.RepoRoot, .. parts]);

    public async Task InitializeAsync()
    {
        server = await SandboxServer.StartAsync(new SandboxOptions { KubeMinorVersion = "35" });
        admin = new KubeClientSession();
        admin.WriteKubeconfig(server);
        await OkAsync(admin, "apply", "-f", Repo("config", "crd", "bases"));
        await OkAsync(admin, "apply", "-f", Repo("config", "rbac", "aggregated_cluster_roles.yaml"));
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            await OkAsync(admin, "create", "namespace", ns);
        }

        foreach (var (role, user) in new[] { ("edit", "eddie"), ("admin", "ada"), ("view", "vic") })
        {
            await OkAsync(admin, "create", "serviceaccount", user, "-n", "team-a");
            await OkAsync(admin, "create", "rolebinding", $"{user}-{role}", "--clusterrole", role, "--user", user, "--serviceaccount", $"team-a:{user}", "-n", "team-a");
        }
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => admin.Dispose();

    /// <summary>A sample manifest moved into <paramref name="ns"/> (the samples name ml-prod).</summary>
    private static string Sample(string file, string ns) =>
        File.ReadAllText(Repo("config", "samples", file)).Replace("namespace: ml-prod", "namespace: " + ns, StringComparison.Ordinal);

    private static Task<ClientRun> ApplyAsync(KubeClientSession session, string manifest) =>
        session.RunAsync(KubeClientTools.Kubectl, ["--cache-dir", session.CacheDir, "apply", "-f", "-"], manifest);

    private static async Task<string> OkAsync(KubeClientSession session, params string[] arguments)
    {
        var run = await session.KubectlAsync(arguments);
        Assert.True(run.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed: {run}");
        return run.StdOut;
    }

    /// <summary>kubectl auth can-i as <paramref name="user"/>: by impersonation, or with a kubeconfig holding its ServiceAccount token.</summary>
    private async Task<bool> CanAsync(string user, bool viaToken, params string[] question)
    {
        ClientRun run;
        if (viaToken)
        {
            using var session = new KubeClientSession();
            session.WriteKubeconfig(server, (await OkAsync(admin, "create", "token", user, "-n", "team-a")).Trim());
            run = await session.KubectlAsync(["auth", "can-i", .. question]);
        }
        else
        {
            run = await admin.KubectlAsync(["auth", "can-i", .. question, "--as", user]);
        }

        Assert.True(run.StdOut.Trim() is "yes" or "no", run.ToString());
        return run.StdOut.Trim() == "yes";
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Namespace_editor_manages_model_deployments_but_not_exceptions_policies_or_other_namespaces(bool viaToken)
    {
        Assert.True(await CanAsync("eddie", viaToken, "create", "modeldeployments.aiguard.io", "-n", "team-a"));
        Assert.True(await CanAsync("eddie", viaToken, "get", "secrets", "-n", "team-a"));
        Assert.False(await CanAsync("eddie", viaToken, "create", "guardexceptions.aiguard.io", "-n", "team-a"));
        Assert.False(await CanAsync("eddie", viaToken, "create", "guardpolicies.aiguard.io"));
        Assert.False(await CanAsync("eddie", viaToken, "get", "secrets", "-n", "team-b"));
        Assert.False(await CanAsync("eddie", viaToken, "create", "modeldeployments.aiguard.io", "-n", "team-b"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Namespace_admin_may_create_guard_exceptions_but_not_guard_policies(bool viaToken)
    {
        Assert.True(await CanAsync("ada", viaToken, "create", "guardexceptions.aiguard.io", "-n", "team-a"));
        Assert.True(await CanAsync("ada", viaToken, "create", "modeldeployments.aiguard.io", "-n", "team-a"));
        Assert.False(await CanAsync("ada", viaToken, "create", "guardpolicies.aiguard.io"));
        Assert.False(await CanAsync("ada", viaToken, "create", "guardexceptions.aiguard.io", "-n", "team-b"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Viewer_reads_model_deployments_but_not_secrets(bool viaToken)
    {
        Assert.True(await CanAsync("vic", viaToken, "list", "modeldeployments.aiguard.io", "-n", "team-a"));
        Assert.True(await CanAsync("vic", viaToken, "get", "modeldeployments.aiguard.io/status", "-n", "team-a"));
        Assert.False(await CanAsync("vic", viaToken, "get", "secrets", "-n", "team-a"));
        Assert.False(await CanAsync("vic", viaToken, "create", "modeldeployments.aiguard.io", "-n", "team-a"));
    }

    [Fact]
    public async Task Editor_really_creates_a_model_deployment_and_is_refused_a_guard_exception()
    {
        using var session = new KubeClientSession();
        session.WriteKubeconfig(server, (await OkAsync(admin, "create", "token", "eddie", "-n", "team-a")).Trim(), "team-a");

        var whoami = await OkAsync(session, "auth", "whoami");
        var created = await ApplyAsync(session, Sample("modeldeployment-triton-allowlist.yaml", "team-a"));
        var refused = await ApplyAsync(session, Sample("guardexception-triton.yaml", "team-a"));
        var secrets = await session.KubectlAsync("get", "secrets", "-n", "team-b");

        Assert.Contains("system:serviceaccount:team-a:eddie", whoami);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("guardexceptions.aiguard.io", refused.StdErr);
        Assert.Contains("is forbidden: User \"system:serviceaccount:team-a:eddie\"", refused.StdErr);
        Assert.Contains("secrets is forbidden: User \"system:serviceaccount:team-a:eddie\" cannot list resource \"secrets\" in API group \"\" in the namespace \"team-b\"", secrets.StdErr);
    }

    [Fact]
    public async Task Can_i_list_shows_the_aggregated_rules_of_a_namespace_viewer()
    {
        var list = await OkAsync(admin, "auth", "can-i", "--list", "-n", "team-a", "--as", "vic");

        Assert.Contains("modeldeployments.aiguard.io", list);
        Assert.DoesNotContain("secrets ", list);
    }
}
