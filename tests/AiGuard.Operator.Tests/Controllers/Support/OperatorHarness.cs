using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Sealing;
using AiGuard.Sandbox;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Prometheus;

namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>
/// OperatorHarness runs the real operator core against a real in-memory API server over HTTP, with the committed
/// CRDs (config/crd/bases) installed, and offers the test's own client plus polling helpers.
/// </summary>
public sealed class OperatorHarness : IAsyncDisposable
{
    private readonly OperatorRun _run;

    private OperatorHarness(SandboxServer sandbox, Kubernetes client, OperatorRun run)
    {
        Sandbox = sandbox;
        Client = client;
        _run = run;
    }

    public SandboxServer Sandbox { get; }

    /// <summary>The test's client (its requests count in the sandbox metrics too: measure around them).</summary>
    public Kubernetes Client { get; }

    public Kubernetes OperatorClient => _run.Client;

    public OperatorCore Core => _run.Core;

    public CollectorRegistry Registry => _run.Registry;

    /// <summary>Starts a sandbox, installs the CRDs, starts the operator's caches and workers.</summary>
    public static async Task<OperatorHarness> StartAsync(
        bool simulateWorkloads = true,
        OperatorCoreOptions? options = null,
        SealedDataVerifier? sealing = null,
        bool startWorkers = true)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            SimulateWorkloads = simulateWorkloads,
            WorkloadReadyDelay = TimeSpan.FromMilliseconds(100),
        });
        var client = sandbox.CreateClient();
        await InstallCrdsAsync(client);
        var run = await OperatorRun.StartAsync(sandbox, options ?? new OperatorCoreOptions(), sealing, startWorkers);
        return new OperatorHarness(sandbox, client, run);
    }

    /// <summary>Runs the controllers' workers until disposal.</summary>
    public void StartWorkers() => _run.StartWorkers();

    public static async Task InstallCrdsAsync(Kubernetes client)
    {
        var directory = AiGuard.Testing.RepositoryRoot.Combine("config", "crd", "bases");
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var crd in KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file)).OfType<V1CustomResourceDefinition>())
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
            }
        }
    }

    public async Task CreateNamespaceAsync(string name, Dictionary<string, string>? labels = null) =>
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Labels = labels } });

    public async Task<ModelDeployment> CreateAsync(ModelDeployment model) =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync<ModelDeployment>(
            model, ApiGroup.Group, ApiGroup.Version, model.Metadata.NamespaceProperty, ModelDeployment.Plural);

    public async Task<GuardPolicy> CreateAsync(GuardPolicy policy) =>
        await Client.CustomObjects.CreateClusterCustomObjectAsync<GuardPolicy>(policy, ApiGroup.Group, ApiGroup.Version, GuardPolicy.Plural);

    public async Task<GuardException> CreateAsync(GuardException exception) =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync<GuardException>(
            exception, ApiGroup.Group, ApiGroup.Version, exception.Metadata.NamespaceProperty, GuardException.Plural);

    public async Task<ModelDeployment> GetModelAsync(string ns, string name) =>
        await Client.CustomObjects.GetNamespacedCustomObjectAsync<ModelDeployment>(ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural, name);

    public async Task<GuardPolicy> GetPolicyAsync(string name) =>
        await Client.CustomObjects.GetClusterCustomObjectAsync<GuardPolicy>(ApiGroup.Group, ApiGroup.Version, GuardPolicy.Plural, name);

    public async Task<GuardException> GetExceptionAsync(string ns, string name) =>
        await Client.CustomObjects.GetNamespacedCustomObjectAsync<GuardException>(ApiGroup.Group, ApiGroup.Version, ns, GuardException.Plural, name);

    /// <summary>Merge-patches a ModelDeployment (spec or metadata).</summary>
    public async Task PatchModelAsync(string ns, string name, string mergePatch) =>
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural, name);

    public async Task PatchPolicyAsync(string name, string mergePatch) =>
        await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), ApiGroup.Group, ApiGroup.Version, GuardPolicy.Plural, name);

    /// <summary>Polls the stored ModelDeployment until <paramref name="done"/> holds; fails with its last status.</summary>
    public async Task<ModelDeployment> WaitForModelAsync(string ns, string name, Func<ModelDeployment, bool> done, string what, TimeSpan? timeout = null)
    {
        ModelDeployment? last = null;
        return await PollAsync(async () =>
        {
            last = await GetModelAsync(ns, name);
            return done(last) ? last : null;
        }, () => $"{ns}/{name} {what}; last phase {last?.Status?.Phase}, ready: {last?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Message}", timeout);
    }

    /// <summary>Waits for the stored ModelDeployment to reach <paramref name="phase"/>.</summary>
    public Task<ModelDeployment> WaitForPhaseAsync(string ns, string name, string phase, TimeSpan? timeout = null) =>
        WaitForModelAsync(ns, name, m => m.Status?.Phase == phase && m.Status.ObservedGeneration == m.Metadata.Generation, $"phase {phase}", timeout);

    /// <summary>
    /// Polls <paramref name="probe"/> until it returns non-null, or fails at the deadline; a 404 from the API counts as
    /// "not there yet", since the objects polled for are the ones the operator is about to create.
    /// </summary>
    public static async Task<T> PollAsync<T>(Func<Task<T?>> probe, Func<string> what, TimeSpan? timeout = null)
        where T : class =>
        (await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    return await probe();
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
                {
                    return null;
                }
            },
            value => value is not null,
            _ => what(),
            timeout))!;

    /// <summary>Writes (create, update, patch, apply, delete) on <paramref name="resource"/> so far.</summary>
    public long Writes(string resource) =>
        new[] { "create", "update", "patch", "apply", "delete" }.Sum(verb => Sandbox.Metrics.Count(verb, resource));

    /// <summary>Reads one series of the operator's runtime metrics.</summary>
    public async Task<double> MetricAsync(string series) => await AiGuard.Operator.Tests.Runtime.MetricText.ValueAsync(Registry, series) ?? 0;

    public async ValueTask DisposeAsync()
    {
        await _run.DisposeAsync();
        Client.Dispose();
        await Sandbox.DisposeAsync();
    }
}
