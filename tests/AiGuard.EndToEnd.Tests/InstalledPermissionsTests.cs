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
    private const string ModelNamespace = "ml-prod";

    // Parallel runs: each is a sandbox, an operator process and kubectl/helm calls; more would only queue on 2 cores.
    private const int ParallelRuns = 4;

    private static readonly TimeSpan ConvergenceDeadline = TimeSpan.FromSeconds(120);

    // A removal passes as soon as a 403 is counted; one that never converges is judged at this deadline.
    private static readonly TimeSpan RemovalDeadline = TimeSpan.FromSeconds(60);

    // Every removal run, started together by the first case that asks (the rest find theirs running or done).
    private static readonly Lazy<Task<IReadOnlyDictionary<string, Task<(string Install, ProofOutcome Outcome)>>>> ChartRemovals = new(StartChartRemovalsAsync);

    /// <summary>The operator's rules in the chart rendered with defaults, by <see cref="OperatorRule.Id"/>.</summary>
    public static TheoryData<string> ChartRules()
    {
        var install = ChartInstallAsync().GetAwaiter().GetResult();
        return [.. install.OperatorRules().Select(r => r.Id)];
    }

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

    [Theory]
    [MemberData(nameof(ChartRules))]
    public async Task Each_rule_of_the_chart_is_needed_a_run_without_it_is_refused_or_stalls(string rule)
    {
        var removals = await ChartRemovals.Value;

        var (install, outcome) = await removals[rule];

        Assert.True(outcome.Forbidden.Count > 0 || !outcome.Converged, $"the rule is not needed: {outcome.Describe(install)}");
    }

    // Runs the removal of every rule, ParallelRuns at a time. A rule the defaults grant twice (the delegable role is
    // bound cluster-wide, so it also covers the operator's own namespace) is removed from an install watching only
    // the model namespace, where nothing else grants it.
    private static async Task<IReadOnlyDictionary<string, Task<(string, ProofOutcome)>>> StartChartRemovalsAsync()
    {
        var defaults = await ChartInstallAsync();
        var watching = await ChartInstallAsync($"watchNamespaces={{{ModelNamespace}}}");
        var slots = new SemaphoreSlim(ParallelRuns);
        async Task<(string, ProofOutcome)> RunAsync(OperatorRule rule)
        {
            var install = (defaults.Shadows(rule, defaults.Namespace, ModelNamespace) ? watching : defaults).Without(rule);
            await slots.WaitAsync();
            try
            {
                return (install.Name, await ProofRun.RunAsync(install, RemovalDeadline, stopAtForbidden: true));
            }
            finally
            {
                slots.Release();
            }
        }

        return defaults.OperatorRules().ToDictionary(r => r.Id, RunAsync);
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
