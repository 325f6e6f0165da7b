using System.Net;
using AiGuard.Operator.Inventory;
using AiGuard.Operator.Sealing;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using Serilog;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorHost is one operator process: a generic host (ASP.NET Core's, for Kestrel) that serves the probes,
/// metrics and sealing certificate and runs <see cref="OperatorLifecycle"/>. <c>aiguard operator</c> runs one until
/// SIGTERM; the demo and tests start several in one process and stop them themselves.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenOptions _healthListener;
    private readonly ListenOptions _metricsListener;
    private readonly Kubernetes _client;
    private readonly SealingKeyStore _keys;
    private readonly IOperatorCore _core;
    private int _disposed;

    private OperatorHost(
        WebApplication app, ListenOptions health, ListenOptions metrics, Kubernetes client, SealingKeyStore keys,
        IOperatorCore core, OperatorState state, ClusterConnection connection, string operatorNamespace, CollectorRegistry registry,
        UnmanagedWorkloadInventory inventory)
    {
        Inventory = inventory;
        _app = app;
        _healthListener = health;
        _metricsListener = metrics;
        _client = client;
        _keys = keys;
        _core = core;
        State = state;
        Connection = connection;
        OperatorNamespace = operatorNamespace;
        Registry = registry;
    }

    /// <summary>This replica's identity, leadership and readiness.</summary>
    public OperatorState State { get; }

    /// <summary>How this process reaches the API server.</summary>
    public ClusterConnection Connection { get; }

    /// <summary>The namespace of the Lease, the sealing key Secrets and the certificate ConfigMap.</summary>
    public string OperatorNamespace { get; }

    /// <summary>The shadow-AI inventory the leader's scanner fills (empty while this replica is a standby).</summary>
    public UnmanagedWorkloadInventory Inventory { get; }

    /// <summary>The registry served on /metrics.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The controller core this host runs (a <see cref="ModelDeploymentCore"/> unless a test substituted one).</summary>
    public IOperatorCore Core => _core;

    /// <summary>The sealing key ring this process opens values with.</summary>
    public SealingKeyStore SealingKeys => _keys;

    /// <summary>Base address of /healthz and /readyz (after <see cref="StartAsync"/>).</summary>
    public Uri HealthAddress => Address(_healthListener);

    /// <summary>Base address of /metrics and /v1/cert.pem (after <see cref="StartAsync"/>).</summary>
    public Uri MetricsAddress => Address(_metricsListener);

    /// <summary>
    /// Builds a host. Throws <see cref="OperatorConfigurationException"/> with every problem when the options are
    /// invalid or the kubeconfig cannot be used.
    /// </summary>
    public static OperatorHost Create(OperatorHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.Options;
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new OperatorConfigurationException(string.Join(Environment.NewLine, problems));
        }

        var connection = settings.ClientConfiguration is { } given
            ? new ClusterConnection(given, InCluster: false, $"API server {given.Host}")
            : ClusterConnection.Resolve(options.Kubeconfig);
        var operatorNamespace = options.ResolveOperatorNamespace(connection.InCluster);
        var identity = options.Identity ?? Runtime.LeaderElectionOptions.NewIdentity();
        var registry = settings.Registry ?? Metrics.DefaultRegistry;
        var factory = settings.CoreFactory ?? ModelDeploymentCore.Create;

        var ownsLogger = settings.Logger is null;
        var logger = settings.Logger ?? OperatorLogging.Create(options.LogFormat, connection.InCluster);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(OperatorHost).Assembly.GetName().Name,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(logger, dispose: ownsLogger);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        if (!settings.HandleSignals)
        {
            builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        }

        var bind = OperatorEndpoints.BindAddress(options, connection.InCluster);
        ListenOptions? health = null;
        ListenOptions? metrics = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(bind, options.HealthPort, listen => health = listen);
            kestrel.Listen(bind, options.MetricsPort, listen => metrics = listen);
        });

        var operatorMetrics = new OperatorMetrics(registry, options.LeaseName);
        var client = new Kubernetes(connection.Configuration, operatorMetrics.RestClient.CreateHandler());
        OperatorState? state = null;
        IOperatorCore? core = null;
        SealingKeyStore? keys = null;
        var inventory = new UnmanagedWorkloadInventory();
        builder.Services.AddSingleton(settings.Time);
        builder.Services.AddHostedService(services =>
        {
            var loggers = services.GetRequiredService<ILoggerFactory>();
            var context = new OperatorCoreContext(client, options, operatorNamespace, loggers, settings.Time, operatorMetrics.Runtime,
                new SealedDataVerifier(() => keys!.Ring))
            { Inventory = inventory };
            core = factory(context);
            state = new OperatorState(identity, core);
            var maintenance = new SealingKeyMaintenance(keys!, settings.Time, loggers.CreateLogger<SealingKeyMaintenance>());
            return new OperatorLifecycle(core, state, options, client, operatorNamespace, maintenance, operatorMetrics, settings.Time, loggers);
        });

        WebApplication app;
        try
        {
            app = builder.Build();
            keys = new SealingKeyStore(client, new SealingOptions { OperatorNamespace = operatorNamespace, ServiceAccountNamespaceFile = null },
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SealingKeyStore>());
            var sealingKeys = keys;
            operatorMetrics.TrackSealingKeyExpiry(() => sealingKeys.Ring.Active?.NotAfter);

            // Resolving the hosted services builds the core and the state now, so the endpoints can read them.
            _ = app.Services.GetServices<IHostedService>().ToList();
        }
        catch
        {
            client.Dispose();
            keys?.Dispose();
            throw;
        }

        _ = new ModelDeploymentMetrics(registry, () => core!.CachedModelDeployments, () => state!.IsLeader);
        _ = new UnmanagedWorkloadMetrics(registry, inventory, () => state!.IsLeader);
        var host = new OperatorHost(app, health!, metrics!, client, keys, core!, state!, connection, operatorNamespace, registry, inventory);
        OperatorEndpoints.Map(app, host.State, registry, keys, () => health!.IPEndPoint!.Port, () => metrics!.IPEndPoint!.Port);
        return host;
    }

    /// <summary>Starts the endpoints and the lifecycle; returns once the ports are bound (caches and election continue in the background).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _app.StartAsync(cancellationToken);

    /// <summary>Stops gracefully: workers drain, the Lease is released, the endpoints close.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <summary>Starts and runs until SIGTERM/Ctrl-C (when signals are handled) or <paramref name="cancellationToken"/>.</summary>
    public Task RunAsync(CancellationToken cancellationToken = default) => _app.RunAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        if (_core is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }

        _client.Dispose();
        _keys.Dispose();
    }

    private static Uri Address(ListenOptions listener)
    {
        var endpoint = listener.IPEndPoint ?? throw new InvalidOperationException("the endpoint is not bound");
        var host = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endpoint.Address;
        return new Uri($"http://{host}:{endpoint.Port}/");
    }
}
