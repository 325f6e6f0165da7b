using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;
using AiGuard.Operator.Reports;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;
using Xunit.Abstractions;
using static AiGuard.Operator.Tests.Controllers.Support.ThirdPartyReports;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// What reports cost (issue 12, item 1): no write when nothing changed, churn coalesced into few writes per report,
/// and a capped report for a namespace with more results than the cap, whose summary still counts everything.
/// </summary>
public sealed class PolicyReportWriteTests(ITestOutputHelper output)
{
    private const string Ghcr = "ghcr.io/acme/triton:24.08-py3@" + TestModels.Digest;
    private const string Nvcr = "nvcr.io/nvidia/tritonserver:24.08-py3@" + TestModels.Digest;

    [Fact]
    public async Task Unchanged_verdicts_cost_no_report_request()
    {
        await using var h = await StartWithReportsAsync();
        const string ns = "ml-report-steady";
        await h.CreateNamespaceAsync(ns);
        for (var i = 0; i < 5; i++)
        {
            await h.CreateAsync(TestModels.Compliant(ns, $"m{i}"));
        }

        await WaitAsync(h, ReportApi.PolicyReport, ns, r => Results(r).Count == 5 * ControlCatalog.All.Count, "5 models");
        await WaitAsync(h, ReportApi.OpenReports, ns, r => Results(r).Count == 5 * ControlCatalog.All.Count, "5 models");
        await Eventually.TrueAsync(() => Task.FromResult(h.Core.Caches.ModelDeployments.List(ns).All(m => m.Status?.Phase == Phases.Compliant)), "all Compliant");
        await Quiescence.WaitAsync(h.Core);
        var reconcilesBefore = await h.MetricAsync("controller_runtime_reconcile_total{controller=\"modeldeployments\",result=\"success\"}");
        h.Sandbox.Metrics.Reset();

        // Every model is reconciled again (a namespace label no policy selects) and discovery keeps rechecking.
        await h.Client.CoreV1.PatchNamespaceAsync(new V1Patch("""{"metadata":{"labels":{"touched":"yes"}}}""", V1Patch.PatchType.MergePatch), ns);
        await Eventually.TrueAsync(async () =>
            await h.MetricAsync("controller_runtime_reconcile_total{controller=\"modeldeployments\",result=\"success\"}") - reconcilesBefore >= 5,
            "the 5 models to reconcile again");
        await Quiescence.WaitAsync(h.Core);

        var requests = h.Sandbox.Metrics.Snapshot().Where(p => p.Key.Resource is "policyreports" or "reports").Sum(p => p.Value);
        output.WriteLine($"report requests after a full re-reconcile: {requests}");
        Assert.Equal(0, requests);
    }

    [Fact]
    public async Task Churn_in_one_namespace_is_coalesced_into_few_writes()
    {
        await using var h = await StartWithReportsAsync();
        const string ns = "ml-report-churn";
        await h.CreateNamespaceAsync(ns);
        await h.CreateAsync(TestModels.Policy("registries", configure: spec => spec.Images = new ImagePolicy { AllowedRegistries = ["ghcr.io/acme"] }));
        const int models = 4;
        for (var i = 0; i < models; i++)
        {
            await h.CreateAsync(TestModels.Compliant(ns, $"m{i}"));
        }

        await WaitAsync(h, ReportApi.PolicyReport, ns, r => Results(r).Count == models * ControlCatalog.All.Count, "4 models");
        await Quiescence.WaitAsync(h.Core);
        h.Sandbox.Metrics.Reset();

        // Every patch flips one model between an allowed and a forbidden registry: each one changes a verdict.
        const int changes = 100;
        var images = new string[models];
        for (var k = 0; k < changes; k++)
        {
            var model = k % models;
            images[model] = (k / models) % 2 == 0 ? Nvcr : Ghcr;
            await h.PatchModelAsync(ns, $"m{model}", ImagePatch(images[model]));
        }

        // The last state wins: nothing is lost by coalescing.
        await WaitAsync(h, ReportApi.PolicyReport, ns, r => Enumerable.Range(0, models).All(i =>
            Text(ResultOf(r, $"m{i}", "AIG-IMG-01"), "result") == (images[i] == Nvcr ? "fail" : "pass")), "the final verdicts");
        await Quiescence.WaitAsync(h.Core);
        var writes = h.Writes("policyreports");
        var reconciles = await h.MetricAsync("controller_runtime_reconcile_total{controller=\"policyreports\",result=\"success\"}");
        output.WriteLine($"{changes} verdict changes: {writes} PolicyReport writes, {h.Writes("reports")} Report writes, {reconciles} report reconciles in total");
        Assert.True(writes >= 1, "the report was never rewritten");
        Assert.True(writes <= changes / 4, $"{writes} PolicyReport writes for {changes} changes");
        Assert.True(h.Writes("reports") <= changes / 4, $"{h.Writes("reports")} Report writes for {changes} changes");
    }

    [Fact]
    public async Task Capped_report_keeps_failures_and_its_summary_counts_every_result()
    {
        await using var h = await StartWithReportsAsync(new PolicyReportOptions { MaxResults = 20 });
        const string ns = "ml-report-cap";
        await h.CreateNamespaceAsync(ns);
        await h.CreateAsync(TestModels.Policy("registries", configure: spec => spec.Images = new ImagePolicy { AllowedRegistries = ["ghcr.io/acme"] }));
        await h.CreateAsync(TestModels.Compliant(ns, "a"));
        await h.CreateAsync(TestModels.Compliant(ns, "b"));
        await h.CreateAsync(TestModels.Compliant(ns, "z-failing", image: Nvcr));

        var total = 3 * ControlCatalog.All.Count;
        var report = await WaitAsync(h, ReportApi.PolicyReport, ns,
            r => new[] { "pass", "fail", "skip", "error", "warn" }.Sum(o => Summary(r, o)) == total, $"a summary of {total} results");
        Assert.Equal(20, Results(report).Count);
        Assert.Equal((total - 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            report["metadata"]!["annotations"]![ReportWriter.OmittedAnnotation]!.GetValue<string>());
        // The failing model sorts last by name, yet its failure is kept.
        Assert.Equal("fail", Text(ResultOf(report, "z-failing", "AIG-IMG-01"), "result"));
        Assert.Equal(Summary(report, "fail"), Results(report).Count(r => Text(r, "result") == "fail"));
    }

    [Fact]
    public async Task Huge_namespace_gets_one_capped_report_written_a_few_times()
    {
        await using var h = await OperatorHarness.StartAsync(simulateWorkloads: false, options: Options(), startWorkers: false);
        await InstallAsync(h.Client);
        h.StartWorkers();
        const string ns = "ml-report-huge";
        await h.CreateNamespaceAsync(ns);
        const int models = 100;
        for (var i = 0; i < models; i++)
        {
            await h.CreateAsync(TestModels.Compliant(ns, $"model-{i:000}"));
        }

        var total = models * ControlCatalog.All.Count;
        var report = await WaitAsync(h, ReportApi.PolicyReport, ns,
            r => new[] { "pass", "fail", "skip", "error", "warn" }.Sum(o => Summary(r, o)) == total, $"a summary of {total} results",
            TimeSpan.FromSeconds(120));
        await Quiescence.WaitAsync(h.Core, TimeSpan.FromSeconds(60));
        var writes = h.Writes("policyreports");
        output.WriteLine($"{models} models, {total} results: {writes} PolicyReport writes, {report.ToJsonString().Length} bytes stored");
        Assert.Equal(new PolicyReportOptions().MaxResults, Results(report).Count);
        Assert.True(writes <= models / 4, $"{writes} writes for {models} new models");
    }

    private static async Task<OperatorHarness> StartWithReportsAsync(PolicyReportOptions? reports = null)
    {
        var h = await OperatorHarness.StartAsync(options: Options(reports), startWorkers: false);
        await InstallAsync(h.Client);
        h.StartWorkers();
        return h;
    }

    private static string ImagePatch(string image) => "{\"spec\":{\"serving\":{\"image\":\"" + image + "\"}}}";
}
