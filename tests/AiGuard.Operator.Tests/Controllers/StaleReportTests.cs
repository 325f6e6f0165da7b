using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Operator.Reports;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Sandbox.Faults;
using k8s;
using static AiGuard.Operator.Tests.Controllers.Support.ThirdPartyReports;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// Reports left behind while no operator ran: a namespace whose last ModelDeployment was deleted meanwhile loses its
/// report when the next leader starts (one LIST per kind finds it), and so does the cluster report whose shadow AI
/// went. Only the operator's report is removed: same name and the managed-by label, in a watched namespace without
/// models; anything else of that kind is never touched.
/// </summary>
public sealed class StaleReportTests
{
    [Fact]
    public async Task A_namespaces_report_is_removed_at_the_next_start_when_its_last_model_was_deleted_while_the_operator_was_down()
    {
        await using var h = await OperatorHarness.StartAsync(options: Options(), startWorkers: false);
        await InstallAsync(h.Client);
        await h.CreateNamespaceAsync("ml-gone");
        await h.CreateNamespaceAsync("ml-kept");
        await h.CreateAsync(TestModels.Compliant("ml-gone", "m"));
        await h.CreateAsync(TestModels.Compliant("ml-kept", "m"));
        var kept = new Dictionary<ReportApi, string>();
        await using (var first = await OperatorRun.StartAsync(h.Sandbox, Options()))
        {
            foreach (var api in ReportApi.All)
            {
                await WaitAsync(h, api, "ml-gone", r => CountFor(r, "m") == ControlCatalog.All.Count, "the model's results");
                kept[api] = Uid(await WaitAsync(h, api, "ml-kept", r => CountFor(r, "m") == ControlCatalog.All.Count, "the model's results"));
            }
        }

        // The operator is down: the namespace's last model goes and nothing is there to see it.
        await h.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, "ml-gone", ModelDeployment.Plural, "m");
        h.Sandbox.Metrics.Reset();

        await using var second = await OperatorRun.StartAsync(h.Sandbox, Options());

        await Eventually.TrueAsync(async () =>
            await ReadAsync(h.Client, ReportApi.PolicyReport, "ml-gone") is null && await ReadAsync(h.Client, ReportApi.OpenReports, "ml-gone") is null,
            "both stale reports of ml-gone removed after the restart");
        await Quiescence.WaitAsync(second.Core);
        foreach (var api in ReportApi.All)
        {
            var report = await ReadAsync(h.Client, api, "ml-kept");
            Assert.NotNull(report);
            Assert.Equal(kept[api], Uid(report));
            Assert.Equal(ControlCatalog.All.Count, CountFor(report, "m"));
            // One LIST per kind for the whole restart (a single page here), none per model or namespace.
            Assert.Equal(1, h.Sandbox.Metrics.Count("list", api.Plural));
        }
    }

    [Fact]
    public async Task Only_the_operators_report_is_removed_never_a_foreign_one_another_name_or_one_outside_the_watched_namespaces()
    {
        string[] watched = ["ml-squat", "ml-archive", "ml-copied"];
        var options = Options() with { Namespaces = watched };
        await using var h = await OperatorHarness.StartAsync(options: options, startWorkers: false);
        await InstallAsync(h.Client);
        foreach (var ns in watched.Append("ml-unwatched"))
        {
            await h.CreateNamespaceAsync(ns);
        }

        // None of these namespaces has a ModelDeployment. Each object is created by the test's user, not the operator.
        var untouched = new List<(ReportApi Api, string Namespace, string Name, string ResourceVersion)>();
        foreach (var api in ReportApi.All)
        {
            // Someone else's report under the operator's name: no managed-by label of ours.
            untouched.Add(await CreateReportAsync(h.Client, api, "ml-squat", "aiguard", "someone-else"));
            // The operator's label on another name: the operator only ever writes "aiguard", so this is not its report.
            untouched.Add(await CreateReportAsync(h.Client, api, "ml-archive", "aiguard-archive", ApiGroup.ManagedByValue));
            // The operator's report as it writes it, but in a namespace it does not watch (and may not touch).
            untouched.Add(await CreateReportAsync(h.Client, api, "ml-unwatched", "aiguard", ApiGroup.ManagedByValue));
            // The operator's name and label, copied by whoever may create reports here: the label is the ownership mark,
            // and whoever could set it could delete the object as well, so removing it gives nobody anything.
            await CreateReportAsync(h.Client, api, "ml-copied", "aiguard", ApiGroup.ManagedByValue);
        }

        await using var run = await OperatorRun.StartAsync(h.Sandbox, options);

        await Eventually.TrueAsync(async () =>
            await ReadAsync(h.Client, ReportApi.PolicyReport, "ml-copied") is null && await ReadAsync(h.Client, ReportApi.OpenReports, "ml-copied") is null,
            "the reports named and labelled as the operator's removed from ml-copied");
        await Quiescence.WaitAsync(run.Core);
        foreach (var (api, ns, name, resourceVersion) in untouched)
        {
            var report = await ReadAsync(h.Client, api, ns, name);
            Assert.True(report is not null, $"{api} {ns}/{name} was deleted");
            Assert.Equal(resourceVersion, report["metadata"]!["resourceVersion"]!.GetValue<string>());
        }

        // Nothing was attempted on the foreign report either, so no conflict was raised about it.
        Assert.Equal(0, await MetricAsync(run, "aiguard_policy_report_conflicts_total{kind=\"PolicyReport\"}"));
        Assert.Empty((await h.Client.EventsV1.ListNamespacedEventAsync("ml-squat")).Items);
    }

    [Fact]
    public async Task A_refused_sweep_is_tried_again_at_the_next_discovery_while_the_other_reports_are_written()
    {
        await using var h = await OperatorHarness.StartAsync(options: Options(), startWorkers: false);
        await InstallAsync(h.Client);
        await h.CreateNamespaceAsync("ml-left");
        await h.CreateNamespaceAsync("ml-live");
        // What an earlier operator left: its report in a namespace whose models are gone.
        await CreateAsync(h.Client, ReportApi.PolicyReport, "ml-left", "aiguard", ApiGroup.ManagedByValue);
        await h.CreateAsync(TestModels.Compliant("ml-live", "m"));
        // An upgrade that did not update the RBAC: the first two LISTs are refused.
        h.Sandbox.Faults.Add(new FaultRule { Verb = "list", Resource = "policyreports", StatusCode = 403, Count = 2, Message = "policyreports is forbidden" });

        await using var run = await OperatorRun.StartAsync(h.Sandbox, Options());

        await WaitAsync(h, ReportApi.PolicyReport, "ml-live", r => CountFor(r, "m") == ControlCatalog.All.Count, "the live namespace's report");
        await Eventually.TrueAsync(async () => await ReadAsync(h.Client, ReportApi.PolicyReport, "ml-left") is null,
            "the left-behind report removed once the LIST is allowed");
        Assert.Equal(2, h.Sandbox.Metrics.Count("list", ReportApi.PolicyReport.Plural, 403));
    }

    [Fact]
    public async Task The_cluster_report_is_kept_across_a_restart_while_its_shadow_ai_runs_and_removed_at_the_start_after_it_went()
    {
        await using var h = await OperatorHarness.StartAsync(options: Options(), startWorkers: false);
        await InstallAsync(h.Client);
        await h.CreateNamespaceAsync("ml-shadow");
        await h.Client.AppsV1.CreateNamespacedDeploymentAsync(AiGuard.Operator.Tests.Inventory.ShadowAiWorkloads.Deployment("chatbot"), "ml-shadow");
        var uids = new Dictionary<ReportApi, string>();
        await using (var first = await OperatorRun.StartAsync(h.Sandbox, Options()))
        {
            foreach (var api in ReportApi.All)
            {
                uids[api] = Uid(await OperatorHarness.PollAsync(() => ReadClusterAsync(h.Client, api), () => $"{api.ClusterKind} aiguard"));
            }
        }

        // Restart with the shadow AI still running: the report stays true, so it is neither deleted nor recreated.
        h.Sandbox.Metrics.Reset();
        await using (var second = await OperatorRun.StartAsync(h.Sandbox, Options()))
        {
            await Eventually.TrueAsync(() => Task.FromResult(second.Core.Inventory.Version > 0), "the first scan after the restart");
            await Quiescence.WaitAsync(second.Core);
            foreach (var api in ReportApi.All)
            {
                var report = await ReadClusterAsync(h.Client, api);
                Assert.NotNull(report);
                Assert.Equal(uids[api], Uid(report));
                Assert.Single(Results(report));
                Assert.Equal(0, h.Sandbox.Metrics.Count("delete", api.ClusterPlural));
            }
        }

        // The operator is down while the shadow AI goes: the next start removes both cluster reports.
        await h.Client.AppsV1.DeleteNamespacedDeploymentAsync("chatbot", "ml-shadow");
        await using var third = await OperatorRun.StartAsync(h.Sandbox, Options());
        await Eventually.TrueAsync(async () =>
            await ReadClusterAsync(h.Client, ReportApi.PolicyReport) is null && await ReadClusterAsync(h.Client, ReportApi.OpenReports) is null,
            "both cluster reports removed after the restart");
    }

    private static string Uid(JsonObject report) => report["metadata"]!["uid"]!.GetValue<string>();

    private static async Task<double> MetricAsync(OperatorRun run, string series) =>
        await AiGuard.Operator.Tests.Runtime.MetricText.ValueAsync(run.Registry, series) ?? 0;

    private static async Task<(ReportApi, string, string, string)> CreateReportAsync(Kubernetes client, ReportApi api, string ns, string name, string managedBy)
    {
        var stored = await CreateAsync(client, api, ns, name, managedBy);
        return (api, ns, name, stored["metadata"]!["resourceVersion"]!.GetValue<string>());
    }
}
