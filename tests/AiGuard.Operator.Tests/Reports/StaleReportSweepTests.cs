using AiGuard.Api;
using AiGuard.Operator.Reports;
using AiGuard.Sandbox;
using k8s;
using static AiGuard.Operator.Tests.Controllers.Support.ThirdPartyReports;

namespace AiGuard.Operator.Tests.Reports;

/// <summary>
/// The sweep's LIST: every page is read (limit/continue), only reports named and labelled as the operator's count,
/// and with watched namespaces only those are listed.
/// </summary>
public sealed class StaleReportSweepTests
{
    [Fact]
    public async Task Pages_through_every_report_and_finds_only_the_operators_in_the_namespaces_it_watches()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions());
        using var client = sandbox.CreateClient();
        await InstallAsync(client);
        string[] ours = ["ml-a", "ml-b", "ml-c", "ml-d", "ml-e"];
        foreach (var ns in ours.Append("ml-foreign"))
        {
            await client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = ns } });
        }

        foreach (var ns in ours)
        {
            await CreateAsync(client, ReportApi.PolicyReport, ns, "aiguard", ApiGroup.ManagedByValue);
        }

        await CreateAsync(client, ReportApi.PolicyReport, "ml-foreign", "aiguard", "someone-else");
        await CreateAsync(client, ReportApi.PolicyReport, "ml-a", "aiguard-archive", ApiGroup.ManagedByValue);
        await CreateAsync(client, ReportApi.OpenReports, "ml-foreign", "aiguard", ApiGroup.ManagedByValue);
        sandbox.Metrics.Reset();

        var everywhere = await new StaleReportSweep(client, [], "aiguard", pageSize: 2).NamespacesWithReportAsync(ReportApi.PolicyReport, CancellationToken.None);

        Assert.Equal(ours, everywhere);
        // Six labelled PolicyReports, two a page: three LISTs, the last without a continue token.
        Assert.Equal(3, sandbox.Metrics.Count("list", "policyreports"));

        var watched = await new StaleReportSweep(client, ["ml-b", "ml-foreign", "ml-b"], "aiguard", pageSize: 2)
            .NamespacesWithReportAsync(ReportApi.PolicyReport, CancellationToken.None);
        Assert.Equal(["ml-b"], watched);

        var openReports = await new StaleReportSweep(client, [], "aiguard").NamespacesWithReportAsync(ReportApi.OpenReports, CancellationToken.None);
        Assert.Equal(["ml-foreign"], openReports);
    }
}
