using System.Text.Json;
using AiGuard.Api;
using AiGuard.Engine.Controls;
using AiGuard.Operator.Reports;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using static AiGuard.Operator.Tests.Controllers.Support.ThirdPartyReports;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// Abuse of the reports by someone who may only create objects in one namespace: a report pre-created under the
/// operator's name is never adopted or overwritten (the refusal is surfaced), and odd model names are reported verbatim.
/// </summary>
public sealed class PolicyReportOwnershipTests
{
    [Fact]
    public async Task Foreign_report_with_our_name_is_left_alone_and_surfaced()
    {
        await using var h = await OperatorHarness.StartAsync(options: Options(), startWorkers: false);
        await InstallAsync(h.Client);
        const string ns = "ml-report-squat";
        await h.CreateNamespaceAsync(ns);
        // A user fakes a clean report under the operator's name, claiming another manager.
        var fake = JsonDocument.Parse($$$"""
            {"apiVersion":"wgpolicyk8s.io/v1alpha2","kind":"PolicyReport",
             "metadata":{"name":"aiguard","namespace":"{{{ns}}}","labels":{"app.kubernetes.io/managed-by":"someone-else"}},
             "results":[{"policy":"aiguard","rule":"AIG-IMG-01","result":"pass","source":"aiguard"}],
             "summary":{"pass":1}}
            """);
        await h.Client.CustomObjects.CreateNamespacedCustomObjectAsync(fake, ReportApi.PolicyReport.Group, ReportApi.PolicyReport.Version, ns, ReportApi.PolicyReport.Plural);
        var before = (await ReadAsync(h.Client, ReportApi.PolicyReport, ns))!;
        h.StartWorkers();
        await h.CreateAsync(TestModels.Compliant(ns, "m"));

        // The other flavour is written: the flavours are independent.
        await WaitAsync(h, ReportApi.OpenReports, ns, r => CountFor(r, "m") == ControlCatalog.All.Count, "the model's results");
        var conflict = await OperatorHarness.PollAsync(async () =>
            (await h.Client.EventsV1.ListNamespacedEventAsync(ns)).Items.FirstOrDefault(e => e.Reason == "PolicyReportConflict"),
            () => "a PolicyReportConflict event");
        Assert.Equal("Warning", conflict.Type);
        Assert.Equal("PolicyReport", conflict.Regarding.Kind);
        Assert.Equal("aiguard", conflict.Regarding.Name);
        Assert.Contains("not managed by aiguard-operator", conflict.Note, StringComparison.Ordinal);
        // Looked at again and refused again, several times, before the object is compared.
        await Eventually.TrueAsync(async () => await h.MetricAsync("aiguard_policy_report_conflicts_total{kind=\"PolicyReport\"}") >= 3,
            "three refusals");

        var after = (await ReadAsync(h.Client, ReportApi.PolicyReport, ns))!;
        Assert.Equal(before["metadata"]!["resourceVersion"]!.GetValue<string>(), after["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(before["results"]!.ToJsonString(), after["results"]!.ToJsonString());
        Assert.Equal("someone-else", after["metadata"]!["labels"]![ApiGroup.ManagedByLabel]!.GetValue<string>());

        // Once the squatter is gone, the operator's report takes the name.
        await h.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ReportApi.PolicyReport.Group, ReportApi.PolicyReport.Version, ns, ReportApi.PolicyReport.Plural, "aiguard");
        await WaitAsync(h, ReportApi.PolicyReport, ns, r => CountFor(r, "m") == ControlCatalog.All.Count, "the operator's own report");
    }

    [Fact]
    public async Task Deleting_a_namespace_model_never_deletes_a_foreign_report()
    {
        await using var h = await OperatorHarness.StartAsync(options: Options(), startWorkers: false);
        await InstallAsync(h.Client);
        h.StartWorkers();
        const string ns = "ml-report-keep";
        await h.CreateNamespaceAsync(ns);
        await h.CreateAsync(TestModels.Compliant(ns, "m"));
        var ours = await WaitAsync(h, ReportApi.PolicyReport, ns, r => CountFor(r, "m") > 0, "the report");

        // Someone strips the ownership label: the object is theirs now, and the last model going must not delete it.
        await h.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new k8s.Models.V1Patch("""{"metadata":{"labels":{"app.kubernetes.io/managed-by":null}}}""", k8s.Models.V1Patch.PatchType.MergePatch),
            ReportApi.PolicyReport.Group, ReportApi.PolicyReport.Version, ns, ReportApi.PolicyReport.Plural, "aiguard");
        await h.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ApiGroup.Group, ApiGroup.Version, ns, "modeldeployments", "m");
        await Eventually.TrueAsync(async () => await ReadAsync(h.Client, ReportApi.OpenReports, ns) is null, "the openreports Report to go");
        await Quiescence.WaitAsync(h.Core);
        var kept = await ReadAsync(h.Client, ReportApi.PolicyReport, ns);
        Assert.NotNull(kept);
        Assert.Equal(ours["metadata"]!["uid"]!.GetValue<string>(), kept["metadata"]!["uid"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("llama-3.1.8b-instruct")]
    [InlineData("a")]
    [InlineData("x0123456789012345678901234567890123456789012345678901234567890")]
    public async Task Odd_model_names_are_reported_verbatim(string name)
    {
        await using var h = await OperatorHarness.StartAsync(options: Options(), startWorkers: false);
        await InstallAsync(h.Client);
        h.StartWorkers();
        const string ns = "ml-report-names";
        await h.CreateNamespaceAsync(ns);
        var created = await h.CreateAsync(TestModels.Compliant(ns, name));

        var report = await WaitAsync(h, ReportApi.PolicyReport, ns, r => CountFor(r, name) == ControlCatalog.All.Count, "the model's results");
        Assert.All(Results(report), r => Assert.Equal(created.Metadata.Uid, Text(r["resources"]![0]!.AsObject(), "uid")));
    }
}
