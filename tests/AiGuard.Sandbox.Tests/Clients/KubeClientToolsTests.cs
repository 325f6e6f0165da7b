using AiGuard.Testing;

namespace AiGuard.Sandbox.Tests.Clients;

public sealed class KubeClientToolsTests
{
    [Fact]
    public async Task Installed_kubectl_is_1_35_and_helm_is_4_1_4()
    {
        using var session = new KubeClientSession();

        var kubectl = await session.KubectlAsync("version", "--client");
        var helm = await session.HelmAsync("version");

        Assert.True(kubectl.ExitCode == 0, kubectl.ToString());
        Assert.Contains("Client Version: v1.35.", kubectl.StdOut, StringComparison.Ordinal);
        Assert.True(helm.ExitCode == 0, helm.ToString());
        Assert.Contains("Version:\"v4.1.4\"", helm.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_the_repository_root()
    {
        Assert.True(File.Exists(Path.Combine(KubeClientTools.RepoRoot, "AiGuardOperator.sln")));
    }

    [Fact]
    public async Task The_install_lock_excludes_other_processes_while_held()
    {
        _ = KubeClientTools.Kubectl; // installed first, so holding the lock below delays no installer

        using var session = new KubeClientSession();
        ClientRun whileHeld;
        using (new FileStream(KubeClientInstallation.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            whileHeld = await session.RunAsync("flock", ["--nonblock", KubeClientInstallation.LockPath, "true"]);
        }

        var afterwards = await session.RunAsync("flock", ["--nonblock", KubeClientInstallation.LockPath, "true"]);

        Assert.NotEqual(0, whileHeld.ExitCode);
        Assert.True(afterwards.ExitCode == 0, afterwards.ToString());
    }

    [Fact]
    public void A_missing_tool_fails_with_the_install_instruction()
    {
        var error = Assert.Throws<InvalidOperationException>(() => KubeClientTools.Require("/nonexistent/kubectl", "kubectl 1.35"));

        Assert.Contains("run scripts/install-kube-clients.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_hangs_is_killed_and_reported_with_its_output()
    {
        using var session = new KubeClientSession(timeout: TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => session.RunAsync("/bin/sh", ["-c", "echo started; echo oops >&2; exec sleep 30"]));

        Assert.Contains("started", error.Message, StringComparison.Ordinal);
        Assert.Contains("oops", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_clients_with_an_isolated_home_and_kubeconfig()
    {
        using var session = new KubeClientSession();

        var run = await session.RunAsync("/bin/sh", ["-c", "echo $HOME; echo $KUBECONFIG"]);

        Assert.Equal($"{session.Home}\n{session.KubeconfigPath}\n", run.StdOut);
    }
}
