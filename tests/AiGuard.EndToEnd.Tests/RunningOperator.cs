using AiGuard.Operator.Hosting;
using AiGuard.Sandbox;
using Serilog;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// An API server (the sandbox, with simulated workloads) and the operator running in this process against it over
/// HTTP, as in a cluster: the operator leads alone and knows nothing of the test.
/// </summary>
internal sealed class RunningOperator : IAsyncDisposable
{
    private RunningOperator(SandboxServer sandbox, OperatorHost host)
    {
        Sandbox = sandbox;
        Host = host;
    }

    public SandboxServer Sandbox { get; }

    public OperatorHost Host { get; }

    public string ServerUrl => Sandbox.BaseAddress.ToString().TrimEnd('/');

    public static async Task<RunningOperator> StartAsync(string kubeMinorVersion = "32")
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            SimulateWorkloads = true,
            WorkloadReadyDelay = TimeSpan.FromMilliseconds(100),
            KubeMinorVersion = kubeMinorVersion,
        });
        var host = OperatorHost.Create(new OperatorHostSettings
        {
            Options = new OperatorOptions { HealthPort = 0, MetricsPort = 0, OperatorNamespace = "aiguard-system", Identity = "e2e" },
            ClientConfiguration = sandbox.CreateClientConfiguration(),
            Registry = Prometheus.Metrics.NewCustomRegistry(),
            Logger = new LoggerConfiguration().MinimumLevel.Warning().WriteTo.Console().CreateLogger(),
            HandleSignals = false,
        });
        await host.StartAsync();
        return new RunningOperator(sandbox, host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
