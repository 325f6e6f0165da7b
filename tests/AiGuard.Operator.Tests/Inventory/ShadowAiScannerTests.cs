using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Inventory;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Inventory;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Inventory;

/// <summary>The leader's periodic scan over a real API server: what appears, what does not, what disappears, and the metric.</summary>
public sealed class ShadowAiScannerTests : IAsyncLifetime
{
    private const string Ns = "ml-shadow";
    private OperatorHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await OperatorHarness.StartAsync(options: new OperatorCoreOptions { InventoryScanInterval = TimeSpan.FromMilliseconds(200) });
        await _h.CreateNamespaceAsync(Ns);
        _ = new UnmanagedWorkloadMetrics(_h.Registry, _h.Core.Inventory, () => true);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    // A compliant live model, and the controller reference a disguised workload copies from its children.
    private async Task<V1OwnerReference> LiveModelReferenceAsync(string name)
    {
        var model = await _h.CreateAsync(TestModels.Compliant(Ns, name));
        await _h.WaitForPhaseAsync(Ns, name, Phases.Compliant);
        return new V1OwnerReference
        {
            ApiVersion = ApiGroup.GroupVersion,
            Kind = ModelDeployment.KubeKind,
            Name = name,
            Uid = model.Metadata.Uid,
            Controller = true,
        };
    }

    private static Dictionary<string, string> AiGuardLabels(string model) =>
        new() { [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue, [ApiGroup.ModelDeploymentLabel] = model };

    [Fact]
    public async Task Reports_a_vllm_deployment_and_a_gpu_stateful_set_but_not_a_managed_models_deployment()
    {
        await _h.CreateAsync(TestModels.Compliant(Ns, "guarded", image: "vllm/vllm-openai:v0.6.4@" + TestModels.Digest));
        await _h.WaitForPhaseAsync(Ns, "guarded", Phases.Compliant);
        await _h.Client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("chatbot"), Ns);
        await _h.Client.AppsV1.CreateNamespacedStatefulSetAsync(ShadowAiWorkloads.GpuStatefulSet("trainer"), Ns);
        await _h.Client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("web", "nginx:1.27"), Ns);

        var found = await WaitForInventoryAsync(w => w.Count == 2, "the vLLM Deployment and the GPU StatefulSet");

        Assert.Equal(
            [("Deployment", "chatbot", "image docker.io/vllm/vllm-openai is vLLM"), ("StatefulSet", "trainer", "limits nvidia.com/gpu: 2")],
            found.Select(w => (w.Kind, w.Name, w.Reasons.Single())));
        Assert.NotNull(await _h.Client.AppsV1.ReadNamespacedDeploymentAsync("guarded", Ns)); // it exists, and is the model's own
        Assert.Equal(1, await _h.MetricAsync(Series("Deployment")));
        Assert.Equal(1, await _h.MetricAsync(Series("StatefulSet")));
    }

    [Fact]
    public async Task A_deleted_workload_disappears_and_its_metric_series_is_removed()
    {
        await _h.Client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("chatbot"), Ns);
        await WaitForInventoryAsync(w => w.Count == 1, "the vLLM Deployment");
        Assert.Equal(1, await _h.MetricAsync(Series("Deployment")));
        var version = _h.Core.Inventory.Version;

        await _h.Client.AppsV1.DeleteNamespacedDeploymentAsync("chatbot", Ns);

        await WaitForInventoryAsync(w => w.Count == 0, "the deleted Deployment to disappear");
        Assert.True(_h.Core.Inventory.Version > version);
        Assert.Null(await AiGuard.Operator.Tests.Runtime.MetricText.ValueAsync(_h.Registry, Series("Deployment")));
    }

    [Fact]
    public async Task Reports_bare_pods_but_not_the_pods_of_a_reported_deployment()
    {
        await _h.Client.CoreV1.CreateNamespacedPodAsync(ShadowAiWorkloads.Pod("ollama-test", "ollama/ollama:0.3"), Ns);
        var replicaSet = await _h.Client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = "chatbot-abc" },
            Spec = new V1ReplicaSetSpec { Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "chatbot" } } },
        }, Ns);
        var owned = ShadowAiWorkloads.Pod("chatbot-abc12", ShadowAiWorkloads.Vllm);
        owned.Metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "chatbot-abc", Uid = replicaSet.Metadata.Uid, Controller = true }];
        await _h.Client.CoreV1.CreateNamespacedPodAsync(owned, Ns);
        await _h.Client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("marker", "nginx:1.27"), Ns);

        var found = await WaitForInventoryAsync(w => w.Any(x => x.Kind == "Pod"), "the bare Ollama pod");

        Assert.Equal([("Pod", "ollama-test")], found.Select(w => (w.Kind, w.Name)));
    }

    [Fact]
    public async Task Reports_a_vllm_cron_job_and_a_gpu_job_once_each_not_their_jobs_and_pods()
    {
        var cronJob = await _h.Client.BatchV1.CreateNamespacedCronJobAsync(ShadowAiWorkloads.CronJob("nightly-llm"), Ns);
        var run = await _h.Client.BatchV1.CreateNamespacedJobAsync(
            ShadowAiWorkloads.Job("nightly-llm-29001234", ShadowAiWorkloads.Vllm, [ShadowAiWorkloads.ControlledBy(cronJob)]), Ns);
        var runPod = ShadowAiWorkloads.Pod("nightly-llm-29001234-q8x2z", ShadowAiWorkloads.Vllm);
        runPod.Metadata.OwnerReferences = [ShadowAiWorkloads.ControlledBy(run)];
        await _h.Client.CoreV1.CreateNamespacedPodAsync(runPod, Ns);
        var finetune = await _h.Client.BatchV1.CreateNamespacedJobAsync(ShadowAiWorkloads.GpuJob("finetune"), Ns);
        var pod = ShadowAiWorkloads.Pod("finetune-x7k2p", ShadowAiWorkloads.Vllm);
        pod.Metadata.OwnerReferences = [ShadowAiWorkloads.ControlledBy(finetune)];
        await _h.Client.CoreV1.CreateNamespacedPodAsync(pod, Ns);
        await _h.Client.BatchV1.CreateNamespacedJobAsync(ShadowAiWorkloads.Job("backup", "ghcr.io/acme/backup:2"), Ns);

        var found = await ScanAfterNowAsync();

        Assert.Equal(
            [("CronJob", "nightly-llm", "image docker.io/vllm/vllm-openai is vLLM"), ("Job", "finetune", "limits nvidia.com/gpu: 4")],
            found.Select(w => (w.Kind, w.Name, string.Join("; ", w.Reasons))));
        Assert.Equal(1, await _h.MetricAsync(Series("CronJob")));
        Assert.Equal(1, await _h.MetricAsync(Series("Job")));
    }

    [Fact]
    public async Task A_job_claiming_a_cron_job_that_runs_no_ai_is_reported_as_itself()
    {
        var benign = await _h.Client.BatchV1.CreateNamespacedCronJobAsync(ShadowAiWorkloads.CronJob("nightly-backup", "ghcr.io/acme/backup:2"), Ns);
        await _h.Client.BatchV1.CreateNamespacedJobAsync(
            ShadowAiWorkloads.Job("nightly-backup-29001234", ShadowAiWorkloads.Vllm, [ShadowAiWorkloads.ControlledBy(benign)]), Ns);
        // A reference to no CronJob at all needs no rule: the garbage collector deletes the Job.

        var found = await ScanAfterNowAsync();

        Assert.Equal([("Job", "nightly-backup-29001234")], found.Select(w => (w.Kind, w.Name)));
        Assert.All(found, w => Assert.Contains("ownerReference to CronJob 'nightly-backup' does not make the CronJob stand for it", w.Reasons[^1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Policy_images_extend_the_catalog_on_the_next_scan()
    {
        await _h.Client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("inhouse", "ghcr.io/acme/llm-server:3.1"), Ns);
        await _h.Client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("chatbot"), Ns);
        await WaitForInventoryAsync(w => w.Count == 1, "only the vLLM Deployment while no policy names the in-house server");

        await _h.CreateAsync(new GuardPolicy
        {
            Metadata = new V1ObjectMeta { Name = "inventory" },
            Spec = new GuardPolicySpec { Inventory = new InventoryPolicy { InferenceImages = ["ghcr.io/acme/llm-server"] } },
        });

        var found = await WaitForInventoryAsync(w => w.Count == 2, "the in-house server once the policy names it");
        Assert.Contains(found, w => w.Name == "inhouse" && w.Reasons.Single().Contains("GuardPolicy spec.inventory.inferenceImages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_copied_owner_reference_or_managed_by_label_does_not_hide_a_workload()
    {
        var copied = await LiveModelReferenceAsync("tenant-model");
        await _h.Client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("hidden", owners: [copied]), Ns);
        await _h.Client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment(
            "labelled", labels: AiGuardLabels("tenant-model")), Ns);

        var found = await WaitForInventoryAsync(w => w.Count == 2, "both disguised Deployments");

        Assert.Equal(["hidden", "labelled"], found.Select(w => w.Name));
    }

    [Fact]
    public async Task A_job_copying_a_live_models_owner_reference_or_aiguard_labels_is_reported()
    {
        var copied = await LiveModelReferenceAsync("tenant-model");
        // Named like the model too: only the model's own Deployment is managed, never a Job.
        await _h.Client.BatchV1.CreateNamespacedJobAsync(ShadowAiWorkloads.GpuJob("tenant-model", owners: [copied]), Ns);
        await _h.Client.BatchV1.CreateNamespacedJobAsync(ShadowAiWorkloads.GpuJob(
            "labelled", labels: AiGuardLabels("tenant-model")), Ns);

        var found = await ScanAfterNowAsync();

        Assert.Equal([("Job", "labelled"), ("Job", "tenant-model")], found.Where(w => w.Kind == "Job").Select(w => (w.Kind, w.Name)));
        Assert.Contains(found.Single(w => w.Name == "tenant-model").Reasons, r => r.Contains("does not make it managed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scans_only_the_watched_namespaces()
    {
        await _h.DisposeAsync();
        _h = await OperatorHarness.StartAsync(options: new OperatorCoreOptions { Namespaces = [Ns], InventoryScanInterval = TimeSpan.FromMilliseconds(200) });
        await _h.CreateNamespaceAsync(Ns);
        await _h.CreateNamespaceAsync("elsewhere");
        await _h.Client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("outside"), "elsewhere");
        await _h.Client.AppsV1.CreateNamespacedDeploymentAsync(ShadowAiWorkloads.Deployment("inside"), Ns);

        var found = await WaitForInventoryAsync(w => w.Count > 0, "the watched namespace's Deployment");

        Assert.Equal([(Ns, "inside")], found.Select(w => (w.Namespace, w.Name)));
    }

    [Fact]
    public async Task Pages_through_more_workloads_than_one_list_page_holds()
    {
        // The default interval: after the scan at start, only this test's own scan lists.
        await _h.DisposeAsync();
        _h = await OperatorHarness.StartAsync();
        await _h.CreateNamespaceAsync(Ns);
        await Eventually.TrueAsync(() => Task.FromResult(_h.Core.Inventory.LastScan is not null), "the scan at start");
        var total = ShadowAiScanner.PageSize + 7;
        for (var i = 0; i < total; i++)
        {
            await _h.Client.CoreV1.CreateNamespacedPodAsync(ShadowAiWorkloads.Pod($"p{i:0000}", "ollama/ollama:0.3"), Ns);
        }

        _h.Sandbox.Metrics.Reset();
        await _h.Core.Scanner.ScanOnceAsync(CancellationToken.None);

        Assert.Equal(total, _h.Core.Inventory.Snapshot.Count(w => w.Kind == "Pod"));
        Assert.Equal(2, _h.Sandbox.Metrics.Count("list", "pods"));
    }

    /// <summary>
    /// The inventory of the second scan that finishes after now: that scan started after everything the test created,
    /// so what it lacks was left out, not missed.
    /// </summary>
    private async Task<IReadOnlyList<UnmanagedWorkload>> ScanAfterNowAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            var before = _h.Core.Inventory.LastScan;
            await Eventually.TrueAsync(() => Task.FromResult(_h.Core.Inventory.LastScan != before), "a scan to finish");
        }

        return _h.Core.Inventory.Snapshot;
    }

    private static string Series(string kind) => UnmanagedWorkloadMetrics.Name + "{namespace=\"" + Ns + "\",kind=\"" + kind + "\"}";

    private async Task<IReadOnlyList<UnmanagedWorkload>> WaitForInventoryAsync(Func<IReadOnlyList<UnmanagedWorkload>, bool> done, string what)
    {
        IReadOnlyList<UnmanagedWorkload> last = [];
        await Eventually.TrueAsync(() =>
        {
            last = _h.Core.Inventory.Snapshot;
            return Task.FromResult(done(last));
        }, what + $"; last inventory: [{string.Join(", ", _h.Core.Inventory.Snapshot.Select(w => $"{w.Kind}/{w.Name}"))}]");
        return last;
    }
}
