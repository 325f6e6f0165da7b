using System.Text.Json;
using AiGuard.Api;
using AiGuard.Api.Policies;
using AiGuard.Sandbox;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Tests.Report;

/// <summary>Clusters that are empty, not yet reconciled, missing the CRDs, out of reach, or closed to the caller.</summary>
public sealed class ReportClusterStateTests
{
    [Fact]
    public async Task An_empty_cluster_reports_zeros_in_every_format()
    {
        await using var sandbox = await ReportSandbox.StartAsync();
        var kubeconfig = sandbox.Kubeconfig();

        var json = await ReportCli.RunAsync("--kubeconfig", kubeconfig, "-A", "--format", "json");
        var table = await ReportCli.RunAsync("--kubeconfig", kubeconfig, "-A");
        var html = await ReportCli.RunAsync("--kubeconfig", kubeconfig, "-A", "--format", "html");

        Assert.True(json.ExitCode == 0, json.ToString());
        var totals = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("totals");
        Assert.Equal(0, totals.GetProperty("models").GetInt32());
        Assert.Equal(JsonValueKind.Null, totals.GetProperty("averageScore").ValueKind);
        Assert.Contains("0 ModelDeployments: 0 evaluated (0 compliant, 0 not compliant), 0 not evaluated yet; no score yet.", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("No ModelDeployments.", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("id=\"average-score\" data-value=\"\">-<", html.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_without_a_status_are_pending_and_count_in_no_score_or_control()
    {
        await using var sandbox = await ReportSandbox.StartAsync();
        await sandbox.NamespaceAsync("ml-prod");
        await sandbox.ModelAsync("ml-prod", "new-a", phase: null);
        await sandbox.ModelAsync("ml-prod", "new-b", phase: null);

        var result = await ReportCli.RunAsync("--kubeconfig", sandbox.Kubeconfig("ml-prod"), "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(2, report.GetProperty("totals").GetProperty("notEvaluated").GetInt32());
        Assert.Equal(0, report.GetProperty("totals").GetProperty("evaluated").GetInt32());
        Assert.All(report.GetProperty("models").EnumerateArray(), m => Assert.Equal("Pending", m.GetProperty("phase").GetString()));
        Assert.All(report.GetProperty("controls").EnumerateArray(), c => Assert.Equal(0, c.GetProperty("evaluated").GetInt32()));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("namespaces")[0].GetProperty("averageScore").ValueKind);
    }

    [Fact]
    public async Task In_house_inference_images_from_guardpolicies_are_reported_as_unmanaged()
    {
        await using var sandbox = await ReportSandbox.StartAsync();
        await sandbox.NamespaceAsync("ml-prod");
        await sandbox.Client.CustomObjects.CreateClusterCustomObjectAsync<GuardPolicy>(
            new GuardPolicy
            {
                Metadata = new V1ObjectMeta { Name = "inventory" },
                Spec = new GuardPolicySpec { Inventory = new InventoryPolicy { InferenceImages = ["ghcr.io/acme/llm-server"] } },
            },
            ApiGroup.Group, ApiGroup.Version, GuardPolicy.Plural);
        await sandbox.DeploymentAsync("ml-prod", "in-house", "ghcr.io/acme/llm-server:2.1");
        await sandbox.DeploymentAsync("ml-prod", "other", "ghcr.io/acme/web:2.1");

        var result = await ReportCli.RunAsync("--kubeconfig", sandbox.Kubeconfig("ml-prod"), "--unmanaged", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var workload = Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("unmanaged").EnumerateArray());
        Assert.Equal("in-house", workload.GetProperty("name").GetString());
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Inference_servers_run_as_cron_jobs_and_jobs_are_reported_once_each_not_their_runs()
    {
        await using var sandbox = await ReportSandbox.StartAsync();
        await sandbox.NamespaceAsync("ml-prod");
        var nightly = await sandbox.CronJobAsync("ml-prod", "nightly-llm", "vllm/vllm-openai:v0.6.4");
        await sandbox.JobAsync("ml-prod", "nightly-llm-29000000", "vllm/vllm-openai:v0.6.4", ("nightly-llm", nightly));
        await sandbox.JobAsync("ml-prod", "batch-llm", "vllm/vllm-openai:v0.6.4");
        var backup = await sandbox.CronJobAsync("ml-prod", "backup", "ghcr.io/acme/backup:1");
        // Abuse: a Job claiming a CronJob that runs no AI must not hide behind it.
        await sandbox.JobAsync("ml-prod", "hidden-llm", "vllm/vllm-openai:v0.6.4", ("backup", backup));

        var result = await ReportCli.RunAsync("--kubeconfig", sandbox.Kubeconfig("ml-prod"), "--unmanaged", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var workloads = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("unmanaged").EnumerateArray()
            .ToDictionary(w => w.GetProperty("name").GetString()!, w => w);
        Assert.Equal(["batch-llm", "hidden-llm", "nightly-llm"], workloads.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("CronJob", workloads["nightly-llm"].GetProperty("kind").GetString());
        Assert.Equal("Job", workloads["batch-llm"].GetProperty("kind").GetString());
        Assert.Contains(workloads["hidden-llm"].GetProperty("reasons").EnumerateArray(),
            r => r.GetString()!.Contains("CronJob 'backup'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_without_the_crds_says_to_install_them()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        var kubeconfig = server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"aiguard-report-nocrd-{Guid.NewGuid():N}"));
        try
        {
            var result = await ReportCli.RunAsync("--kubeconfig", kubeconfig, "-A");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("modeldeployments.aiguard.io is not served: are the AiGuard CRDs installed", result.Stderr, StringComparison.Ordinal);
            Assert.Equal("", result.Stdout);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task An_unreachable_cluster_exits_1_naming_the_address()
    {
        string kubeconfig;
        await using (var sandbox = await ReportSandbox.StartAsync())
        {
            kubeconfig = sandbox.Kubeconfig();
            File.Copy(kubeconfig, kubeconfig + ".kept");
        }

        try
        {
            var result = await ReportCli.RunAsync("--kubeconfig", kubeconfig + ".kept", "-A");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("cannot reach the cluster at https://127.0.0.1:", result.Stderr, StringComparison.Ordinal);
            Assert.Equal("", result.Stdout);
        }
        finally
        {
            File.Delete(kubeconfig + ".kept");
        }
    }

    [Fact]
    public async Task A_namespace_the_caller_may_not_read_exits_3_and_says_what_is_missing()
    {
        var tokenFile = Path.Combine(Path.GetTempPath(), $"aiguard-report-tokens-{Guid.NewGuid():N}");
        const string Token = "team-a-viewer-token-0123456789abcdef";
        await File.WriteAllTextAsync(tokenFile, $"{Token},alice,alice-uid,\"team-a\"\n");
        try
        {
            await using var sandbox = await ReportSandbox.StartAsync(new SandboxOptions { TokenFile = tokenFile });
            await sandbox.NamespaceAsync("team-a", "team-b");
            await sandbox.ModelAsync("team-b", "secret-project", phase: null);
            await GrantReportReadAsync(sandbox, "team-a", "alice");
            var kubeconfig = sandbox.Kubeconfig("team-a", Token);

            var own = await ReportCli.RunAsync("--kubeconfig", kubeconfig, "--format", "json");
            var other = await ReportCli.RunAsync("--kubeconfig", kubeconfig, "-n", "team-b");
            var all = await ReportCli.RunAsync("--kubeconfig", kubeconfig, "-A");

            Assert.True(own.ExitCode == 0, own.ToString());
            Assert.Contains("warning: cannot list guardpolicies.aiguard.io", own.Stderr, StringComparison.Ordinal);
            Assert.Contains("warning: cannot list cronjobs.batch or jobs.batch", own.Stderr, StringComparison.Ordinal);
            Assert.Equal(3, other.ExitCode);
            Assert.Contains("forbidden: these credentials may not list modeldeployments.aiguard.io in namespace team-b", other.Stderr, StringComparison.Ordinal);
            Assert.Contains("pick another with -n", other.Stderr, StringComparison.Ordinal);
            Assert.Equal(3, all.ExitCode);
            Assert.Contains("across all namespaces", all.Stderr, StringComparison.Ordinal);
            Assert.Contains("with -n NAMESPACE", all.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-project", other.Stdout + other.Stderr + all.Stdout + all.Stderr, StringComparison.Ordinal);
            Assert.Equal("", other.Stdout + all.Stdout);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    // What a namespace viewer needs for the report: list ModelDeployments, GuardExceptions and the workload kinds
    // (batch left out on purpose: a role from before CronJobs and Jobs were read gets the report with a warning).
    private static async Task GrantReportReadAsync(ReportSandbox sandbox, string ns, string user)
    {
        await sandbox.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "report-reader", NamespaceProperty = ns },
            Rules =
            [
                new V1PolicyRule { ApiGroups = ["aiguard.io"], Resources = ["modeldeployments", "guardexceptions"], Verbs = ["list"] },
                new V1PolicyRule { ApiGroups = ["apps"], Resources = ["deployments", "statefulsets", "daemonsets"], Verbs = ["list"] },
                new V1PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["list"] },
            ],
        }, ns);
        await sandbox.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "report-reader", NamespaceProperty = ns },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "report-reader" },
            Subjects = [new Rbacv1Subject { Kind = "User", Name = user, ApiGroup = "rbac.authorization.k8s.io" }],
        }, ns);
    }
}
