using System.Text.Json;

namespace AiGuard.Cli.Tests.Report;

/// <summary>What the report counts and how it orders, read from its JSON over a cluster with known outcomes.</summary>
public sealed class ReportContentTests(KnownOutcomesCluster cluster) : IClassFixture<KnownOutcomesCluster>
{
    private async Task<JsonElement> JsonAsync(params string[] args)
    {
        var result = await ReportCli.RunAsync(["--kubeconfig", cluster.Kubeconfig, "--format", "json", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    [Fact]
    public async Task Counts_every_namespace_scores_only_evaluated_models_and_names_the_schema()
    {
        var report = await JsonAsync("-A");

        Assert.Equal("aiguard.io/report/v1", report.GetProperty("schema").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("namespace").ValueKind);
        var totals = report.GetProperty("totals");
        Assert.Equal(5, totals.GetProperty("models").GetInt32());
        Assert.Equal(4, totals.GetProperty("evaluated").GetInt32());
        Assert.Equal(2, totals.GetProperty("compliant").GetInt32());
        Assert.Equal(2, totals.GetProperty("notCompliant").GetInt32());
        Assert.Equal(1, totals.GetProperty("notEvaluated").GetInt32());
        Assert.Equal(81, totals.GetProperty("averageScore").GetInt32()); // (40 + 100 + 100 + 85) / 4, the model without status left out
        Assert.Equal([1, 2, 1, 0], Severities(totals.GetProperty("unwaivedFindings")));
        Assert.Equal(1, totals.GetProperty("waivedFindings").GetInt32());
        Assert.Equal(1, totals.GetProperty("expiringExceptions").GetInt32());
        Assert.Equal(1, totals.GetProperty("unmanagedWorkloads").GetInt32());
    }

    [Fact]
    public async Task Lists_namespaces_worst_average_first_and_controls_as_pass_fail_waived()
    {
        var report = await JsonAsync("-A");

        var namespaces = report.GetProperty("namespaces").EnumerateArray().ToList();
        Assert.Equal(["ml-prod", "research"], namespaces.Select(n => n.GetProperty("namespace").GetString()));
        Assert.Equal((3, 3, 2, 80, 40), Namespace(namespaces[0]));
        Assert.Equal((2, 1, 0, 85, 85), Namespace(namespaces[1]));

        var controls = report.GetProperty("controls").EnumerateArray().ToDictionary(c => c.GetProperty("control").GetString()!);
        Assert.Equal(16, controls.Count);
        Assert.Equal((3, 1, 0), Outcome(controls["AIG-IMG-03"]));
        Assert.Equal((3, 0, 1), Outcome(controls["AIG-IMG-02"]));
        Assert.Equal((3, 1, 0), Outcome(controls["AIG-SEC-01"]));
        Assert.Equal((4, 0, 0), Outcome(controls["AIG-NET-03"]));
        Assert.Equal("The image is pinned", controls["AIG-IMG-02"].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Orders_models_and_findings_worst_first_by_severity_then_score()
    {
        var report = await JsonAsync("-A");

        var models = report.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(["ml-prod/chat", "research/summarizer", "ml-prod/ranker", "ml-prod/scorer", "research/fresh"],
            models.Select(m => $"{m.GetProperty("namespace").GetString()}/{m.GetProperty("name").GetString()}"));
        Assert.Equal("Pending", models[4].GetProperty("phase").GetString());
        Assert.Equal(JsonValueKind.Null, models[4].GetProperty("score").ValueKind);
        Assert.Equal("critical", models[0].GetProperty("worstSeverity").GetString());
        Assert.Equal(1, models[2].GetProperty("waivedFindings").GetInt32());

        var findings = report.GetProperty("worstFindings").EnumerateArray()
            .Select(f => $"{f.GetProperty("severity").GetString()} {f.GetProperty("control").GetString()} {f.GetProperty("model").GetString()}").ToList();
        Assert.Equal(["critical AIG-IMG-03 chat", "high AIG-NET-01 chat", "high AIG-SEC-01 summarizer", "medium AIG-POD-01 chat"], findings);
    }

    [Fact]
    public async Task Lists_exceptions_ending_within_the_window_with_whole_days_left()
    {
        var twoWeeks = await JsonAsync("-A");
        var month = await JsonAsync("-A", "--expiring-within", "30");

        var soon = Assert.Single(twoWeeks.GetProperty("expiringExceptions").EnumerateArray());
        Assert.Equal("ranker-pin", soon.GetProperty("name").GetString());
        Assert.Equal(3, soon.GetProperty("daysLeft").GetInt32());
        Assert.Equal(["AIG-IMG-02"], soon.GetProperty("controls").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(14, twoWeeks.GetProperty("expiringWithinDays").GetInt32());
        Assert.Equal(["ranker-pin", "long-waiver"], month.GetProperty("expiringExceptions").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal(30, month.GetProperty("expiringExceptions")[1].GetProperty("daysLeft").GetInt32());
    }

    [Fact]
    public async Task Namespace_flag_reports_only_that_namespace()
    {
        var report = await JsonAsync("-n", "research");

        Assert.Equal("research", report.GetProperty("namespace").GetString());
        Assert.Equal(["summarizer", "fresh"], report.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(["research"], report.GetProperty("namespaces").EnumerateArray().Select(n => n.GetProperty("namespace").GetString()));
        Assert.Empty(report.GetProperty("expiringExceptions").EnumerateArray());
        Assert.Empty(report.GetProperty("unmanaged").EnumerateArray());
        Assert.Equal((0, 1, 0), Outcome(report.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("control").GetString() == "AIG-SEC-01")));
    }

    [Fact]
    public async Task Without_a_namespace_flag_reports_the_kubeconfig_contexts_namespace()
    {
        var result = await ReportCli.RunAsync("--kubeconfig", cluster.Sandbox.Kubeconfig(contextNamespace: "research"), "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("research", report.GetProperty("namespace").GetString());
        Assert.Equal(2, report.GetProperty("totals").GetProperty("models").GetInt32());
    }

    [Fact]
    public async Task Top_limits_the_worst_findings_but_not_the_totals()
    {
        var report = await JsonAsync("-A", "--top", "1");

        Assert.Equal("AIG-IMG-03", Assert.Single(report.GetProperty("worstFindings").EnumerateArray()).GetProperty("control").GetString());
        Assert.Equal(4, report.GetProperty("totals").GetProperty("unwaivedFindings").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Unmanaged_lists_the_vllm_deployment_and_not_the_web_server()
    {
        var report = await JsonAsync("-A");

        var workload = Assert.Single(report.GetProperty("unmanaged").EnumerateArray());
        Assert.Equal("Deployment", workload.GetProperty("kind").GetString());
        Assert.Equal("vllm-shadow", workload.GetProperty("name").GetString());
        Assert.Contains(workload.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("vLLM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unmanaged_flag_prints_only_that_section_in_every_format()
    {
        var json = await JsonAsync("-A", "--unmanaged");
        var table = await ReportCli.RunAsync("--kubeconfig", cluster.Kubeconfig, "-A", "--unmanaged");
        var markdown = await ReportCli.RunAsync("--kubeconfig", cluster.Kubeconfig, "-A", "--unmanaged", "--format", "markdown");
        var html = await ReportCli.RunAsync("--kubeconfig", cluster.Kubeconfig, "-A", "--unmanaged", "--format", "html");

        Assert.Equal(["schema", "generatedAt", "namespace", "unmanaged"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("vllm-shadow", Assert.Single(json.GetProperty("unmanaged").EnumerateArray()).GetProperty("name").GetString());
        foreach (var output in new[] { table, markdown, html })
        {
            Assert.True(output.ExitCode == 0, output.ToString());
            Assert.Contains("deployment/ml-prod/vllm-shadow", output.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("Compliance by namespace", output.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("ml-prod/chat", output.Stdout, StringComparison.Ordinal);
        }
    }

    private static int[] Severities(JsonElement counts) =>
        [counts.GetProperty("critical").GetInt32(), counts.GetProperty("high").GetInt32(), counts.GetProperty("medium").GetInt32(), counts.GetProperty("low").GetInt32()];

    private static (int, int, int, int, int) Namespace(JsonElement n) =>
        (n.GetProperty("models").GetInt32(), n.GetProperty("evaluated").GetInt32(), n.GetProperty("compliant").GetInt32(),
            n.GetProperty("averageScore").GetInt32(), n.GetProperty("lowestScore").GetInt32());

    private static (int Passing, int Failing, int Waived) Outcome(JsonElement c) =>
        (c.GetProperty("passing").GetInt32(), c.GetProperty("failing").GetInt32(), c.GetProperty("waived").GetInt32());
}
