using System.Text.Json;
using System.Text.RegularExpressions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;

namespace AiGuard.Cli.Tests.Report;

/// <summary>
/// Text from the cluster is data in every format. A namespace admin writes a GuardException's approvedBy, and
/// findings quote specs a model owner wrote; an attacker who may create objects in one namespace tries to run
/// script in, or reshape, the report the cluster admin opens.
/// </summary>
public sealed class ReportHostileTextTests
{
    private const string Payload = "</td></tr></table></svg><script>alert(\"x\")</script><img src=x onerror='alert(1)'>|`|";

    [Fact]
    public async Task Hostile_messages_and_approvers_render_inert_in_html_and_markdown_and_intact_in_json()
    {
        await using var sandbox = await ReportSandbox.StartAsync();
        await sandbox.NamespaceAsync("team-x");
        await sandbox.ModelAsync("team-x", "chat", Phases.NonCompliant, 50,
            ReportSandbox.Finding("AIG-POD-01", Severities.High, Payload));
        await sandbox.ExceptionAsync("team-x", "waiver", ReportCli.Now.AddDays(2), "AIG-POD-01", "chat", approvedBy: Payload);
        var kubeconfig = sandbox.Kubeconfig("team-x");

        var html = await ReportCli.RunAsync("--kubeconfig", kubeconfig, "--format", "html");
        var markdown = await ReportCli.RunAsync("--kubeconfig", kubeconfig, "--format", "markdown");
        var json = await ReportCli.RunAsync("--kubeconfig", kubeconfig, "--format", "json");

        Assert.True(html.ExitCode == 0, html.ToString());
        Assert.DoesNotContain("<script", html.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror='", html.Stdout, StringComparison.Ordinal);
        Assert.Equal(Regex.Count(html.Stdout, "<svg "), Regex.Count(html.Stdout, "</svg>"));
        Assert.Equal(Regex.Count(html.Stdout, "<table>"), Regex.Count(html.Stdout, "</table>"));
        Assert.Contains("<td data-field=\"message\">&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;/svg&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", html.Stdout, StringComparison.Ordinal);
        Assert.Contains("<td data-field=\"approved-by\">&lt;/td&gt;", html.Stdout, StringComparison.Ordinal);

        Assert.True(markdown.ExitCode == 0, markdown.ToString());
        Assert.DoesNotContain("<script", markdown.Stdout, StringComparison.OrdinalIgnoreCase);
        var findingRow = markdown.Stdout.Split('\n').Single(l => l.StartsWith("| high | AIG-POD-01", StringComparison.Ordinal));
        Assert.Equal(5, Regex.Count(findingRow, @"(?<!\\)\|"));

        // JSON keeps the text exactly; consumers escape for their own medium.
        Assert.True(json.ExitCode == 0, json.ToString());
        var report = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(Payload, report.GetProperty("worstFindings")[0].GetProperty("message").GetString());
        Assert.Equal(Payload, report.GetProperty("expiringExceptions")[0].GetProperty("approvedBy").GetString());
    }
}
