using System.Net;
using System.Text;
using AiGuard.Api.Quantities;
using AiGuard.Operator.Inventory;
using AiGuard.Operator.Tests.Hosting;
using AiGuard.Sandbox;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Inventory;

/// <summary>What a tenant who may create workloads in one namespace can do to the leader's scan: nothing.</summary>
public sealed class ShadowAiScanAbuseTests : IAsyncLifetime
{
    private const string Ns = "ml-abuse";
    private SandboxServer _sandbox = null!;
    private Kubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await HostFixtures.StartClusterAsync(Ns);
        _client = _sandbox.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task A_huge_label_map_and_thousands_of_containers_are_scanned_like_any_workload()
    {
        var crafted = ShadowAiWorkloads.Deployment("crafted", "nginx:1.27");
        crafted.Metadata.Labels = Enumerable.Range(0, 2_000).ToDictionary(i => $"label-{i:0000}", i => new string('v', 60));
        crafted.Metadata.Annotations = new Dictionary<string, string> { ["blob"] = new('x', 200_000) };
        var containers = crafted.Spec.Template.Spec.Containers;
        for (var i = 0; i < 2_000; i++)
        {
            containers.Add(new V1Container { Name = $"c{i:0000}", Image = i == 1_999 ? ShadowAiWorkloads.Vllm : "nginx:1.27", Env = [new V1EnvVar { Name = "PAD", Value = new string('e', 100) }] });
        }

        await _client.AppsV1.CreateNamespacedDeploymentAsync(crafted, Ns);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("plain"), Ns);
        var scanner = Scanner(_client, new RecordingLogger<ShadowAiScanner>(), out var inventory);

        var failed = await scanner.ScanOnceAsync(CancellationToken.None);

        Assert.Empty(failed);
        Assert.Equal(
            [("crafted", "nginx:1.27|" + ShadowAiWorkloads.Vllm, "image docker.io/vllm/vllm-openai is vLLM"), ("plain", ShadowAiWorkloads.Vllm, "image docker.io/vllm/vllm-openai is vLLM")],
            inventory.Snapshot.Select(w => (w.Name, string.Join('|', w.Images), w.Reasons.Single())));
    }

    [Fact]
    public async Task A_page_that_does_not_parse_keeps_the_previous_results_and_logs_the_kind_not_the_payload()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(ShadowAiWorkloads.Pod("ollama-test", "ollama/ollama:0.3"), Ns);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("chatbot"), Ns);
        var corrupt = new CorruptingHandler("/pods");
        using var client = new Kubernetes(_sandbox.CreateClientConfiguration(), corrupt);
        var logger = new RecordingLogger<ShadowAiScanner>();
        var scanner = Scanner(client, logger, out var inventory);
        Assert.Empty(await scanner.ScanOnceAsync(CancellationToken.None));
        Assert.Equal(["Deployment/chatbot", "Pod/ollama-test"], inventory.Snapshot.Select(w => $"{w.Kind}/{w.Name}"));

        corrupt.Enabled = true;
        await _client.AppsV1.DeleteNamespacedDeploymentAsync("chatbot", Ns);
        var failed = await scanner.ScanOnceAsync(CancellationToken.None);

        Assert.Equal(["Pod"], failed);
        Assert.Equal(["Pod/ollama-test"], inventory.Snapshot.Select(w => $"{w.Kind}/{w.Name}")); // the Deployment scan still ran
        var warning = Assert.Single(logger.Messages, m => m.Contains("could not list", StringComparison.Ordinal));
        Assert.Contains("Pods", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(CorruptingHandler.Payload, warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e999999999")]
    [InlineData("99999999999999999999999999999999")]
    public async Task A_job_asking_for_a_huge_gpu_quantity_is_found(string amount)
    {
        var job = ShadowAiWorkloads.GpuJob("greedy");
        job.Spec.Template.Spec.Containers[0].Resources.Limits["nvidia.com/gpu"] = new VerbatimQuantity(amount);
        await _client.BatchV1.CreateNamespacedJobAsync(job, Ns);
        var scanner = Scanner(_client, new RecordingLogger<ShadowAiScanner>(), out var inventory);

        var failed = await scanner.ScanOnceAsync(CancellationToken.None);

        Assert.Empty(failed);
        var found = Assert.Single(inventory.Snapshot);
        Assert.Equal(("Job", "greedy", $"limits nvidia.com/gpu: {amount}"), (found.Kind, found.Name, found.Reasons.Single()));
    }

    [Fact]
    public async Task A_job_page_that_does_not_parse_keeps_the_previous_jobs()
    {
        await _client.BatchV1.CreateNamespacedJobAsync(ShadowAiWorkloads.GpuJob("finetune"), Ns);
        await _client.BatchV1.CreateNamespacedCronJobAsync(ShadowAiWorkloads.CronJob("nightly-llm"), Ns);
        var corrupt = new CorruptingHandler("/jobs");
        using var client = new Kubernetes(_sandbox.CreateClientConfiguration(), corrupt);
        var logger = new RecordingLogger<ShadowAiScanner>();
        var scanner = Scanner(client, logger, out var inventory);
        Assert.Empty(await scanner.ScanOnceAsync(CancellationToken.None));
        Assert.Equal(["CronJob/nightly-llm", "Job/finetune"], inventory.Snapshot.Select(w => $"{w.Kind}/{w.Name}"));

        corrupt.Enabled = true;
        await _client.BatchV1.DeleteNamespacedCronJobAsync("nightly-llm", Ns);
        var failed = await scanner.ScanOnceAsync(CancellationToken.None);

        Assert.Equal(["Job"], failed);
        Assert.Equal(["Job/finetune"], inventory.Snapshot.Select(w => $"{w.Kind}/{w.Name}")); // the CronJob scan still ran
        var warning = Assert.Single(logger.Messages, m => m.Contains("could not list", StringComparison.Ordinal));
        Assert.DoesNotContain(CorruptingHandler.Payload, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cron_job_page_that_does_not_parse_keeps_the_cron_job_standing_for_its_runs()
    {
        var cronJob = await _client.BatchV1.CreateNamespacedCronJobAsync(ShadowAiWorkloads.CronJob("nightly-llm"), Ns);
        await _client.BatchV1.CreateNamespacedJobAsync(
            ShadowAiWorkloads.Job("nightly-llm-29001234", ShadowAiWorkloads.Vllm, [ShadowAiWorkloads.ControlledBy(cronJob)]), Ns);
        var corrupt = new CorruptingHandler("/cronjobs");
        using var client = new Kubernetes(_sandbox.CreateClientConfiguration(), corrupt);
        var scanner = Scanner(client, new RecordingLogger<ShadowAiScanner>(), out var inventory);
        Assert.Empty(await scanner.ScanOnceAsync(CancellationToken.None));
        Assert.Equal(["CronJob/nightly-llm"], inventory.Snapshot.Select(w => $"{w.Kind}/{w.Name}"));

        corrupt.Enabled = true;
        var failed = await scanner.ScanOnceAsync(CancellationToken.None);

        // Neither lost nor reported twice: the kept CronJob still stands for its run.
        Assert.Equal(["CronJob"], failed);
        Assert.Equal(["CronJob/nightly-llm"], inventory.Snapshot.Select(w => $"{w.Kind}/{w.Name}"));
    }

    private static ShadowAiScanner Scanner(Kubernetes client, RecordingLogger<ShadowAiScanner> logger, out UnmanagedWorkloadInventory inventory)
    {
        inventory = new UnmanagedWorkloadInventory();
        return new ShadowAiScanner(client, [Ns], () => [], (_, _) => null, inventory, TimeProvider.System, logger);
    }

    /// <summary>Replaces the body of successful LISTs whose path ends with a suffix with a truncated, secret-bearing page.</summary>
    private sealed class CorruptingHandler(string pathSuffix) : DelegatingHandler
    {
        public const string Payload = "hunter2-secret-token";

        public volatile bool Enabled;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (Enabled && response.IsSuccessStatusCode && request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal))
            {
                response.Content.Dispose();
                response.Content = new StringContent(
                    "{\"kind\":\"PodList\",\"items\":[{\"metadata\":{\"name\":\"" + Payload + "\"},\"spec\":{\"containers\":[{\"image\":" + Payload,
                    Encoding.UTF8,
                    "application/json");
                response.StatusCode = HttpStatusCode.OK;
            }

            return response;
        }
    }
}
