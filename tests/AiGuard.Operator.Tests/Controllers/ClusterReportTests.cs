using AiGuard.Operator.Reports;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using static AiGuard.Operator.Tests.Controllers.Support.ThirdPartyReports;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// The cluster-scoped seam (issue 12): findings about no ModelDeployment become a ClusterPolicyReport and an openreports
/// ClusterReport with one call, and an empty feed removes them.
/// </summary>
public sealed class ClusterReportTests
{
    [Fact]
    public async Task Published_cluster_results_become_cluster_reports_and_an_empty_feed_removes_them()
    {
        await using var h = await OperatorHarness.StartAsync(options: Options(), startWorkers: false);
        await InstallAsync(h.Client);
        h.StartWorkers();
        await Eventually.TrueAsync(() => Task.FromResult(h.Core.Reports.Reconciler.Served.Count == 4), "four report kinds discovered");

        var unmanaged = new ReportResult
        {
            Policy = ModelReportResults.Policy,
            Rule = "shadow-inference",
            Result = ReportResult.Fail,
            Severity = "high",
            Category = "Inventory",
            Message = "Deployment ml-dev/vllm serves a model outside any ModelDeployment",
            Source = ModelReportResults.Source,
        };
        h.Core.Reports.PublishClusterResults([unmanaged]);

        foreach (var api in ReportApi.All)
        {
            var report = await OperatorHarness.PollAsync(() => ReadClusterAsync(h, api), () => $"{api.ClusterKind} aiguard");
            var result = Assert.Single(Results(report));
            Assert.Equal("shadow-inference", Text(result, "rule"));
            Assert.Equal(1, Summary(report, "fail"));
        }

        h.Core.Reports.PublishClusterResults([]);
        await Eventually.TrueAsync(async () =>
            await ReadClusterAsync(h, ReportApi.PolicyReport) is null && await ReadClusterAsync(h, ReportApi.OpenReports) is null,
            "both cluster reports deleted");
    }

    private static async Task<System.Text.Json.Nodes.JsonObject?> ReadClusterAsync(OperatorHarness h, ReportApi api)
    {
        try
        {
            var raw = await h.Client.CustomObjects.GetClusterCustomObjectAsync(api.Group, api.Version, api.ClusterPlural, "aiguard");
            return System.Text.Json.Nodes.JsonNode.Parse(((System.Text.Json.JsonElement)raw).GetRawText())!.AsObject();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
