using AiGuard.Operator.Hosting;
using AiGuard.Operator.Sealing;
using AiGuard.Sandbox;
using AiGuard.Sealing;
using k8s;
using k8s.Models;
using Prometheus;
using Serilog;

namespace AiGuard.Operator.Tests.Hosting;

/// <summary>Builds operator hosts against a sandbox the way the demo does: fixed ports avoided, signals ignored, logs quiet.</summary>
internal static class HostFixtures
{
    public const string OperatorNamespace = "aiguard-system";

    /// <summary>Short Lease timings so a takeover happens within seconds (LeaseDuration 3 s, RenewDeadline 2 s, RetryPeriod 0.5 s).</summary>
    public static OperatorOptions FastOptions(bool leaderElect, string identity) => new()
    {
        LeaderElect = leaderElect,
        Identity = identity,
        OperatorNamespace = OperatorNamespace,
        HealthPort = 0,
        MetricsPort = 0,
        LeaseDuration = TimeSpan.FromSeconds(3),
        RenewDeadline = TimeSpan.FromSeconds(2),
        RetryPeriod = TimeSpan.FromMilliseconds(500),
        ShutdownTimeout = TimeSpan.FromSeconds(10),
        Workers = 2,
    };

    public static OperatorHost Create(SandboxServer sandbox, OperatorOptions options, Func<OperatorCoreContext, IOperatorCore> core, CollectorRegistry? registry = null) =>
        OperatorHost.Create(new OperatorHostSettings
        {
            Options = options,
            ClientConfiguration = sandbox.CreateClientConfiguration(),
            CoreFactory = core,
            Registry = registry ?? Metrics.NewCustomRegistry(),
            Logger = new LoggerConfiguration().MinimumLevel.Warning().CreateLogger(),
            HandleSignals = false,
        });

    // RSA-4096 generation takes seconds on a busy machine: tests that do not test key creation share one key.
    private static readonly Lazy<SealingKeyPair> SharedKey = new(() => SealingKeyPair.Create());

    /// <summary>
    /// A sandbox ready for a real operator core: simulated workloads (Available after 50 ms), the CRDs, the operator
    /// namespace with a sealing key, and <paramref name="namespaces"/>.
    /// </summary>
    public static async Task<SandboxServer> StartClusterAsync(params string[] namespaces)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SimulateWorkloads = true, WorkloadReadyDelay = TimeSpan.FromMilliseconds(50) });
        using var client = sandbox.CreateClient();
        await ClusterSetup.InstallCrdsAsync(client);
        await CreateOperatorNamespaceWithKeyAsync(sandbox);
        foreach (var ns in namespaces)
        {
            await CreateNamespaceAsync(sandbox, ns);
        }

        return sandbox;
    }

    public static async Task CreateNamespaceAsync(SandboxServer sandbox, string name)
    {
        using var client = sandbox.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
    }

    /// <summary>Creates the operator namespace holding an existing sealing key, so the leader need not generate one.</summary>
    public static async Task CreateOperatorNamespaceWithKeyAsync(SandboxServer sandbox)
    {
        await CreateNamespaceAsync(sandbox, OperatorNamespace);
        using var client = sandbox.CreateClient();
        await client.CoreV1.CreateNamespacedSecretAsync(SealingKeySecrets.ToSecret(SharedKey.Value, OperatorNamespace), OperatorNamespace);
    }

    public static async Task<string?> LeaseHolderAsync(SandboxServer sandbox)
    {
        using var client = sandbox.CreateClient();
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(OperatorOptions.DefaultLeaseName, OperatorNamespace);
            return lease.Spec?.HolderIdentity;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
