using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Cli.Commands;
using AiGuard.Cli.Demo;
using AiGuard.Cli.Report;
using k8s;
using k8s.Models;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// <c>aiguard report --format html</c> over models the real operator judged, rendered by headless Chromium: the
/// numbers read back from the rendered DOM equal the JSON format's. With AIGUARD_UPDATE_SCREENSHOTS=1 the test also
/// writes the screenshot docs/reports.md shows (docs/images/report-html.png).
/// </summary>
public sealed partial class ReportHtmlChromiumTests
{
    private const string ModelSha = "5a116d9d248e23aded3f2efc2edda46aae1c4b5deb61d76ab2d75452dfdc4e29";
    private const string PinnedImage = "ghcr.io/acme/triton:24.08-py3@sha256:946b17aac5d00991806e4ae0581c5a87c856cc9a9134bc9cb7cd0a1aa85ac57f";

    [ToolFact("chromium")]
    public async Task Chromium_renders_the_html_report_with_the_numbers_of_the_json_report()
    {
        await using var cluster = await RunningOperator.StartAsync();
        using var client = cluster.Sandbox.CreateClient();
        await ArrangeAsync(client);
        await Eventually.ReturnsAsync(
            () => PhasesAsync(client),
            phases => phases.Count == 5 && phases.Values.All(p => p is not (null or Phases.Progressing)),
            phases => string.Join(", ", phases.Select(p => $"{p.Key}={p.Value ?? "none"}")),
            TimeSpan.FromSeconds(90));
        using var work = new TempDirectory();
        var kubeconfig = cluster.Sandbox.WriteKubeconfig(Path.Combine(work.Path, "kubeconfig"));

        var json = JsonDocument.Parse(await ReportAsync(kubeconfig, "json")).RootElement;
        var htmlPath = Path.Combine(work.Path, "report.html");
        await File.WriteAllTextAsync(htmlPath, await ReportAsync(kubeconfig, "html"));
        var dom = await ChromiumAsync(work.Path, "--dump-dom", new Uri(htmlPath).AbsoluteUri);

        // Known outcomes, as the operator judged them.
        var models = json.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal((Phases.Compliant, 1), (models["legacy-ranker"].GetProperty("phase").GetString(), models["legacy-ranker"].GetProperty("waivedFindings").GetInt32()));
        Assert.Equal(Phases.Compliant, models["ranker"].GetProperty("phase").GetString());
        Assert.Equal(100, models["ranker"].GetProperty("score").GetInt32());
        Assert.NotEqual(Phases.Compliant, models["batch-scorer"].GetProperty("phase").GetString());
        Assert.Contains(json.GetProperty("worstFindings").EnumerateArray(), f => f.GetProperty("model").GetString() == "orphan" && f.GetProperty("control").GetString() == "AIG-GOV-01");
        var expiring = Assert.Single(json.GetProperty("expiringExceptions").EnumerateArray());
        Assert.Equal(3, expiring.GetProperty("daysLeft").GetInt32());
        Assert.Equal("vllm-shadow", Assert.Single(json.GetProperty("unmanaged").EnumerateArray()).GetProperty("name").GetString());

        // The rendered page says the same, number for number.
        var totals = json.GetProperty("totals");
        foreach (var (id, field) in new[]
        {
            ("total-models", "models"), ("total-evaluated", "evaluated"), ("total-compliant", "compliant"), ("total-not-compliant", "notCompliant"),
            ("average-score", "averageScore"), ("findings-waived", "waivedFindings"), ("expiring-exceptions", "expiringExceptions"), ("unmanaged-workloads", "unmanagedWorkloads"),
        })
        {
            Assert.Equal(totals.GetProperty(field).GetInt32(), IdValue(dom, id));
        }

        foreach (var severity in new[] { "critical", "high", "medium", "low" })
        {
            Assert.Equal(totals.GetProperty("unwaivedFindings").GetProperty(severity).GetInt32(), IdValue(dom, $"findings-{severity}"));
        }

        foreach (var ns in json.GetProperty("namespaces").EnumerateArray())
        {
            var row = Row(dom, "data-namespace", ns.GetProperty("namespace").GetString()!);
            Assert.Equal(ns.GetProperty("models").GetInt32(), Field(row, "models"));
            Assert.Equal(ns.GetProperty("averageScore").GetInt32(), Field(row, "average-score"));
            Assert.Equal(ns.GetProperty("compliant").GetInt32(), Field(row, "compliant"));
        }

        foreach (var control in json.GetProperty("controls").EnumerateArray())
        {
            var row = Row(dom, "data-control", control.GetProperty("control").GetString()!);
            Assert.Equal(control.GetProperty("passing").GetInt32(), Field(row, "passing"));
            Assert.Equal(control.GetProperty("failing").GetInt32(), Field(row, "failing"));
            Assert.Equal(control.GetProperty("waived").GetInt32(), Field(row, "waived"));
        }

        Assert.Equal(3, Field(Row(dom, "data-exception", "research/legacy-ranker-pin"), "days-left"));
        Assert.Contains("data-workload=\"deployment/ml-prod/vllm-shadow\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);

        var screenshot = Environment.GetEnvironmentVariable("AIGUARD_UPDATE_SCREENSHOTS") == "1"
            ? AiGuard.Testing.RepositoryRoot.Combine("docs", "images", "report-html.png")
            : Path.Combine(work.Path, "report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await ChromiumAsync(work.Path, $"--screenshot={screenshot}", "--window-size=1280,2300", "--hide-scrollbars", new Uri(htmlPath).AbsoluteUri);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 20_000, $"the screenshot has {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    private static async Task ArrangeAsync(Kubernetes client)
    {
        var applier = new ManifestApplier(client);
        foreach (var (file, yaml) in DemoManifests.Crds)
        {
            foreach (var crd in ManifestApplier.Parse(file, yaml))
            {
                await applier.ApplyAsync(crd, CancellationToken.None);
            }
        }

        foreach (var ns in new[] { "aiguard-system", "ml-prod", "research" })
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }

        // The waiver first, so the model is judged with it from its first reconcile.
        await client.CustomObjects.CreateNamespacedCustomObjectAsync<GuardException>(new GuardException
        {
            Metadata = new V1ObjectMeta { Name = "legacy-ranker-pin", NamespaceProperty = "research" },
            Spec = new GuardExceptionSpec
            {
                ModelDeployments = ["legacy-ranker"],
                Controls = ["AIG-IMG-02"],
                Justification = "The legacy ranker moves to a pinned digest with the next release (ML-3310).",
                ApprovedBy = "security-review@example.com",
                ExpiresAt = DateTime.UtcNow.AddDays(3),
            },
        }, ApiGroup.Group, ApiGroup.Version, "research", GuardException.Plural);
        await CreateModelAsync(client, "research", "ranker", PinnedImage);
        await CreateModelAsync(client, "research", "legacy-ranker", "ghcr.io/acme/triton:latest");
        await CreateModelAsync(client, "ml-prod", "fraud-scorer", PinnedImage);
        await CreateModelAsync(client, "ml-prod", "batch-scorer", "ghcr.io/acme/triton:latest");
        await CreateModelAsync(client, "ml-prod", "orphan", PinnedImage, owner: "");
        var labels = new Dictionary<string, string> { ["app"] = "vllm-shadow" };
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "vllm-shadow", NamespaceProperty = "ml-prod" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "vllm", Image = "vllm/vllm-openai:v0.6.4" }] },
                },
            },
        }, "ml-prod");
    }

    private static Task<ModelDeployment> CreateModelAsync(Kubernetes client, string ns, string name, string image, string owner = "team-ml@example.com") =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync<ModelDeployment>(new ModelDeployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new ModelDeploymentSpec
            {
                Owner = owner,
                RiskLevel = RiskLevels.Limited,
                Model = new ModelSource { Uri = $"s3://models/{name}/model.onnx", Sha256 = ModelSha },
                Serving = new ServingSpec { Image = image, Port = 8000 },
            },
        }, ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural);

    private static async Task<Dictionary<string, string?>> PhasesAsync(Kubernetes client)
    {
        var models = await new ReportCollector(client, _ => { }).ListAsync<ModelDeployment>(null, CancellationToken.None);
        return models.ToDictionary(
            m => $"{m.Metadata.NamespaceProperty}/{m.Metadata.Name}",
            m => m.Status?.ObservedGeneration == m.Metadata.Generation && m.Status?.ComplianceScore is not null ? m.Status.Phase : null,
            StringComparer.Ordinal);
    }

    private static async Task<string> ReportAsync(string kubeconfig, string format)
    {
        var root = new RootCommand("aiguard") { ReportCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(["report", "--kubeconfig", kubeconfig, "-A", "--format", format])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        Assert.True(exitCode == 0, $"aiguard report --format {format} exited {exitCode}: {error}");
        return output.ToString();
    }

    // Headless Chromium as root needs --no-sandbox; its own profile directory keeps runs apart.
    private static async Task<string> ChromiumAsync(string work, params string[] args)
    {
        var start = new ProcessStartInfo(HostTools.Require("chromium"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={Path.Combine(work, "chromium")}" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium {string.Join(' ', args)} did not finish within 120 s: {await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static int IdValue(string dom, string id)
    {
        var match = Regex.Match(dom, $"id=\"{id}\" data-value=\"(\\d+)\"");
        Assert.True(match.Success, $"no element #{id} with a number in the rendered page");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static string Row(string dom, string attribute, string key)
    {
        var match = Regex.Match(dom, $"<tr {attribute}=\"{Regex.Escape(key)}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row {attribute}={key} in the rendered page");
        return match.Groups[1].Value;
    }

    private static int Field(string row, string field)
    {
        var match = Regex.Match(row, $"data-field=\"{field}\" data-value=\"(\\d+)\"");
        Assert.True(match.Success, $"no {field} number in row {row}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("aiguard-report-html-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
