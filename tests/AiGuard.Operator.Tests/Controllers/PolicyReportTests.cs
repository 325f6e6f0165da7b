using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;
using AiGuard.Operator.Reports;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using static AiGuard.Operator.Tests.Controllers.Support.ThirdPartyReports;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// PolicyReport (wgpolicyk8s.io/v1alpha2) and openreports Report per namespace (issue 12, item 1): one result per
/// control per ModelDeployment, waivers as skip naming the exception, summary counts, written only while the CRDs
/// are served, picked up when they are installed later, removed with the last model.
/// </summary>
public sealed class PolicyReportTests
{
    private const string Nvcr = "nvcr.io/nvidia/tritonserver:24.08-py3@" + TestModels.Digest;

    [Fact]
    public async Task Reports_carry_one_result_per_control_per_model_with_pass_fail_and_waived_skip()
    {
        await using var h = await OperatorHarness.StartAsync(options: Options(), startWorkers: false);
        await InstallAsync(h.Client);
        h.StartWorkers();
        const string ns = "ml-report";
        await h.CreateNamespaceAsync(ns);
        await h.CreateAsync(TestModels.Policy("registries", configure: spec => spec.Images = new ImagePolicy { AllowedRegistries = ["ghcr.io/acme"] }));
        await h.CreateAsync(TestModels.Exception(ns, "mirror-pending", "waived", "AIG-IMG-01", DateTime.UtcNow.AddHours(1)));
        await h.CreateAsync(TestModels.Compliant(ns, "good"));
        await h.CreateAsync(TestModels.Compliant(ns, "bad", image: Nvcr));
        await h.CreateAsync(TestModels.Compliant(ns, "waived", image: Nvcr));

        var controls = ControlCatalog.All.Count;
        var report = await WaitAsync(h, ReportApi.PolicyReport, ns, r => Results(r).Count == 3 * controls, "3 models' results");
        var models = new[] { "bad", "good", "waived" };
        foreach (var name in models)
        {
            var stored = await h.GetModelAsync(ns, name);
            Assert.Equal(controls, CountFor(report, name));
            var first = Results(report).First(r => Text(r["resources"]![0]!.AsObject(), "name") == name);
            var resource = first["resources"]![0]!.AsObject();
            Assert.Equal(stored.Metadata.Uid, Text(resource, "uid"));
            Assert.Equal(ApiGroup.GroupVersion, Text(resource, "apiVersion"));
            Assert.Equal("ModelDeployment", Text(resource, "kind"));
            Assert.Equal(ns, Text(resource, "namespace"));
        }

        var fail = ResultOf(report, "bad", "AIG-IMG-01");
        Assert.Equal("fail", Text(fail, "result"));
        Assert.Equal("aiguard", Text(fail, "policy"));
        Assert.Equal("aiguard", Text(fail, "source"));
        Assert.Equal(ControlCatalog.Find("AIG-IMG-01")!.Area, Text(fail, "category"));
        Assert.Equal(ControlCatalog.Find("AIG-IMG-01")!.DefaultSeverity, Text(fail, "severity"));
        Assert.Contains("nvcr.io", Text(fail, "message"), StringComparison.Ordinal);
        Assert.NotNull(fail["timestamp"]?["seconds"]);

        var waived = ResultOf(report, "waived", "AIG-IMG-01");
        Assert.Equal("skip", Text(waived, "result"));
        Assert.Equal("mirror-pending", waived["properties"]?["waivedBy"]?.GetValue<string>());
        Assert.Equal("pass", Text(ResultOf(report, "good", "AIG-IMG-01"), "result"));
        Assert.Null(ResultOf(report, "good", "AIG-IMG-01")["properties"]);
        Assert.Equal("pass", Text(ResultOf(report, "waived", "AIG-MOD-01"), "result"));

        // The status of each model and its results agree: every failing control of the status is a fail result.
        foreach (var name in models)
        {
            var status = (await h.GetModelAsync(ns, name)).Status!;
            var failing = status.Findings!.Where(f => !f.Waived).Select(f => f.Control).ToHashSet();
            var failed = Results(report).Where(r => Text(r["resources"]![0]!.AsObject(), "name") == name && Text(r, "result") == "fail")
                .Select(r => Text(r, "rule")).ToHashSet();
            Assert.Equal(failing, failed);
        }

        foreach (var outcome in new[] { "pass", "fail", "skip", "error", "warn" })
        {
            Assert.Equal(Results(report).Count(r => Text(r, "result") == outcome), Summary(report, outcome));
        }

        Assert.Equal(ApiGroup.ManagedByValue, report["metadata"]!["labels"]![ApiGroup.ManagedByLabel]!.GetValue<string>());

        // The openreports flavour says the same, with its report-level source.
        var open = await WaitAsync(h, ReportApi.OpenReports, ns, r => Results(r).Count == 3 * controls, "3 models' results");
        Assert.Equal("aiguard", Text(open, "source"));
        Assert.Equal(report["summary"]!.ToJsonString(), open["summary"]!.ToJsonString());
        Assert.Equal("mirror-pending", ResultOf(open, "waived", "AIG-IMG-01")["properties"]?["waivedBy"]?.GetValue<string>());
    }

    [Fact]
    public async Task Nothing_is_written_while_the_report_crds_are_not_served()
    {
        await using var h = await OperatorHarness.StartAsync(options: Options());
        const string ns = "ml-noreports";
        await h.CreateNamespaceAsync(ns);
        await h.CreateAsync(TestModels.Compliant(ns, "m"));
        await h.WaitForModelAsync(ns, "m", m => m.Status?.ObservedGeneration == m.Metadata.Generation, "evaluated");
        await Quiescence.WaitAsync(h.Core);

        Assert.Empty(h.Core.Reports.Reconciler.Served);
        Assert.Equal(0, h.Writes("policyreports") + h.Writes("reports") + h.Writes("clusterpolicyreports") + h.Writes("clusterreports"));
        Assert.Equal(0, await h.MetricAsync("aiguard_policy_report_writes_total{kind=\"PolicyReport\"}"));
    }

    [Fact]
    public async Task Reports_appear_when_the_crds_are_installed_after_the_operator_started()
    {
        await using var h = await OperatorHarness.StartAsync(options: Options());
        const string ns = "ml-late";
        await h.CreateNamespaceAsync(ns);
        await h.CreateAsync(TestModels.Compliant(ns, "m"));
        await h.WaitForModelAsync(ns, "m", m => m.Status?.ObservedGeneration == m.Metadata.Generation, "evaluated");
        await Quiescence.WaitAsync(h.Core);

        // One flavour first: each is discovered on its own.
        await InstallAsync(h.Client, "wgpolicyk8s.io_policyreports.yaml");
        await WaitAsync(h, ReportApi.PolicyReport, ns, r => CountFor(r, "m") == ControlCatalog.All.Count, "the model's results");
        // The metric follows the write's response: wait for it, then check nothing else was written.
        await Eventually.TrueAsync(async () => await h.MetricAsync("aiguard_policy_report_writes_total{kind=\"PolicyReport\"}") >= 1, "the write to be counted");
        await Quiescence.WaitAsync(h.Core);
        Assert.Equal(1, await h.MetricAsync("aiguard_policy_report_writes_total{kind=\"PolicyReport\"}"));
        Assert.DoesNotContain(h.Core.Reports.Reconciler.Served, s => s.Api == ReportApi.OpenReports);

        await InstallAsync(h.Client, "openreports.io_reports.yaml");
        await WaitAsync(h, ReportApi.OpenReports, ns, r => CountFor(r, "m") == ControlCatalog.All.Count, "the model's results");
    }

    [Fact]
    public async Task Report_follows_model_changes_and_goes_with_the_last_model()
    {
        await using var h = await OperatorHarness.StartAsync(options: Options(), startWorkers: false);
        await InstallAsync(h.Client);
        h.StartWorkers();
        const string ns = "ml-lifecycle";
        await h.CreateNamespaceAsync(ns);
        await h.CreateAsync(TestModels.Policy("registries", configure: spec => spec.Images = new ImagePolicy { AllowedRegistries = ["ghcr.io/acme"] }));
        await h.CreateAsync(TestModels.Compliant(ns, "a"));
        await h.CreateAsync(TestModels.Compliant(ns, "b"));
        await WaitAsync(h, ReportApi.PolicyReport, ns, r => CountFor(r, "a") > 0 && CountFor(r, "b") > 0, "both models");

        await h.PatchModelAsync(ns, "a", ImagePatch(Nvcr));
        await WaitAsync(h, ReportApi.PolicyReport, ns, r => Text(ResultOf(r, "a", "AIG-IMG-01"), "result") == "fail", "a's registry to fail");

        await h.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural, "a");
        await WaitAsync(h, ReportApi.PolicyReport, ns, r => CountFor(r, "a") == 0 && CountFor(r, "b") > 0, "a gone, b kept");

        await h.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural, "b");
        await Eventually.TrueAsync(async () => await ReadAsync(h.Client, ReportApi.PolicyReport, ns) is null
            && await ReadAsync(h.Client, ReportApi.OpenReports, ns) is null, "both reports deleted with the last model");
    }

    private static string ImagePatch(string image) => "{\"spec\":{\"serving\":{\"image\":\"" + image + "\"}}}";
}
