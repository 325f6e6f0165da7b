using AiGuard.EndToEnd.Tests.Permissions;
using AiGuard.Sandbox.Tests.Clients;
using k8s;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The operator works with exactly the permissions its installs grant, and needs each of them: <c>aiguard operator</c>
/// runs as its own process with only a token of the install's ServiceAccount against the sandbox (which enforces RBAC
/// and kube-apiserver's escalation check); the samples converge with no 403 counted in <c>apiserver_request_total</c>,
/// and with any one of the operator's rules removed the same run is refused or stalls.
/// </summary>
public sealed class InstalledPermissionsTests
{
    private static readonly TimeSpan ConvergenceDeadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Helm_install_with_defaults_converges_every_sample_with_no_403()
    {
        var install = await ChartInstallAsync();

        var outcome = await ProofRun.RunAsync(install, ConvergenceDeadline, stopAtForbidden: false);

        Assert.True(outcome.Converged && outcome.Forbidden.Count == 0, outcome.Describe(install.Name));
    }

    [Fact]
    public async Task Kustomize_install_converges_every_sample_with_no_403()
    {
        var install = await KustomizeInstallAsync();

        var outcome = await ProofRun.RunAsync(install, ConvergenceDeadline, stopAtForbidden: false);

        Assert.True(outcome.Converged && outcome.Forbidden.Count == 0, outcome.Describe(install.Name));
    }

    // `helm install` with defaults; the rendered objects are those of `helm template` with the same release.
    private static async Task<OperatorInstall> ChartInstallAsync(params string[] setValues)
    {
        using var session = new KubeClientSession();
        var objects = await InstallManifests.RenderChartAsync(session, setValues);
        return new OperatorInstall($"helm install rel {string.Join(' ', setValues.Select(v => "--set " + v))}".TrimEnd(), objects, async admin =>
        {
            var run = await admin.HelmAsync(["install", "rel", InstallManifests.Chart, "-n", "aiguard-system", "--create-namespace", .. setValues.SelectMany(v => new[] { "--set", v })]);
            Assert.True(run.ExitCode == 0, run.ToString());
        });
    }

    // The documented kustomize install: config/crd, config/namespace, config/default.
    private static async Task<OperatorInstall> KustomizeInstallAsync()
    {
        using var session = new KubeClientSession();
        var objects = await InstallManifests.KustomizeAsync(session, "default");
        return new OperatorInstall("kubectl apply -k config/default", objects, async admin =>
        {
            foreach (var directory in new[] { "crd", "namespace", "default" })
            {
                var run = await admin.KubectlAsync("apply", "-k", Path.Combine(InstallManifests.ConfigDir, directory));
                Assert.True(run.ExitCode == 0, run.ToString());
            }
        });
    }
}
