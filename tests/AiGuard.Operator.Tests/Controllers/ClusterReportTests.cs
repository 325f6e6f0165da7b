using AiGuard.Operator.Reports;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using static AiGuard.Operator.Tests.Controllers.Support.ThirdPartyReports;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// The cluster-scoped reports (issue 12): findings about no ModelDeployment (shadow AI found by the leader's scan) become
/// a ClusterPolicyReport and an openreports ClusterReport, and an empty feed removes them.
/// </summary>
public sealed class ClusterReportTests
{
    [Fact]
    public async Task The_leaders_scan_puts_shadow_ai_into_the_cluster_reports_and_takes_it_out_when_it_is_gone()
    {
        await using var h = await OperatorHarness.StartAsync(
            options: Options() with { InventoryScanInterval = TimeSpan.FromMilliseconds(200) }, startWorkers: false);
        await InstallAsync(h.Client);
        await h.CreateNamespaceAsync("ml-shadow");
        await h.Client.AppsV1.CreateNamespacedDeploymentAsync(AiGuard.Operator.Tests.Inventory.ShadowAiWorkloads.Deployment("chatbot"), "ml-shadow");
        h.StartWorkers();

        foreach (var api in ReportApi.All)
        {
            var report = await OperatorHarness.PollAsync(() => ReadClusterAsync(h.Client, api), () => $"{api.ClusterKind} aiguard");
            var result = Assert.Single(Results(report));
            Assert.Equal(UnmanagedWorkloadResults.Rule, Text(result, "rule"));
            Assert.Equal(ReportResult.Warn, Text(result, "result"));
            Assert.Contains("Deployment ml-shadow/chatbot", Text(result, "message"), StringComparison.Ordinal);
            Assert.Contains("vLLM", Text(result, "message"), StringComparison.Ordinal);
            Assert.Equal("chatbot", result["resources"]![0]!["name"]!.GetValue<string>());
            Assert.Equal(1, Summary(report, "warn"));
        }

        await h.Client.AppsV1.DeleteNamespacedDeploymentAsync("chatbot", "ml-shadow");
        await Eventually.TrueAsync(async () =>
            await ReadClusterAsync(h.Client, ReportApi.PolicyReport) is null && await ReadClusterAsync(h.Client, ReportApi.OpenReports) is null,
            "both cluster reports deleted once the scan finds no shadow AI");
    }
}
