using System.Net;
using AiGuard.Api.Quantities;
using AiGuard.Operator.Inventory;
using AiGuard.Operator.Sealing;
using k8s;
using Microsoft.AspNetCore.Builder;
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
    private int _disposed;

    private OperatorHost(WebApplication app, ClusterConnection connection, string operatorNamespace, CollectorRegistry registry)
    {
        _app = app;
        Connection = connection;
        OperatorNamespace = operatorNamespace;
        Registry = registry;
    }

    /// <summary>This replica's identity, leadership and readiness.</summary>
    public OperatorState State => _app.Services.GetRequiredService<OperatorState>();

    /// <summary>How this process reaches the API server.</summary>
    public ClusterConnection Connection { get; }

    /// <summary>The namespace of the Lease, the sealing key Secrets and the certificate ConfigMap.</summary>
    public string OperatorNamespace { get; }

    /// <summary>The registry served on /metrics.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The shadow-AI inventory the leader's scanner fills (empty while this replica is a standby).</summary>
    public UnmanagedWorkloadInventory Inventory => _app.Services.GetRequiredService<UnmanagedWorkloadInventory>();

    /// <summary>The controller core this host runs (a <see cref="ModelDeploymentCore"/> unless a test substituted one).</summary>
    public IOperatorCore Core => _app.Services.GetRequiredService<IOperatorCore>();

    /// <summary>The sealing key ring this process opens values with.</summary>
    public SealingKeyStore SealingKeys => _app.Services.GetRequiredService<SealingKeyStore>();

    /// <summary>Base address of /healthz and /readyz (after <see cref="StartAsync"/>).</summary>
    public Uri HealthAddress => Address(_app.Services.GetRequiredService<OperatorListeners>().Health);

    /// <summary>Base address of /metrics and /v1/cert.pem (after <see cref="StartAsync"/>).</summary>
    public Uri MetricsAddress => Address(_app.Services.GetRequiredService<OperatorListeners>().Metrics);

    /// <summary>
    /// Builds a host. Throws <see cref="OperatorConfigurationException"/> with every problem when the options are
    /// invalid or the kubeconfig cannot be used.
    /// </summary>
    public static OperatorHost Create(OperatorHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Normally done by the process's entry point; throws if KubernetesJson was used before without it, since
        // then one object with a huge quantity could stall every reader.
        SafeKubernetesJson.Install();
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
        var registry = settings.Registry ?? Metrics.DefaultRegistry;
        if (settings.Registry is null)
        {
            RuntimeMeters.Configure();
        }

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

        AddOperatorServices(builder.Services, settings, connection, operatorNamespace, registry);
        var app = builder.Build();
        OperatorEndpoints.Map(app);
        return new OperatorHost(app, connection, operatorNamespace, registry);
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

        // The container owns every component (the core, the API client, the key store) and disposes them in the
        // reverse order it built them.
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Registers the process's components, all singletons: the values decided before the host is built as instances,
    /// everything else built by the container on first use (the host starts the hosted services, which pulls in the
    /// rest) from factories that resolve only from the provider they are given.
    /// </summary>
    private static void AddOperatorServices(
        IServiceCollection services, OperatorHostSettings settings, ClusterConnection connection, string operatorNamespace, CollectorRegistry registry)
    {
        var options = settings.Options;
        var identity = options.Identity ?? Runtime.LeaderElectionOptions.NewIdentity();
        var coreFactory = settings.CoreFactory ?? ModelDeploymentCore.Create;

        services.AddSingleton<OperatorOptions>(options);
        services.AddSingleton<ClusterConnection>(connection);
        services.AddSingleton<CollectorRegistry>(registry);
        services.AddSingleton<TimeProvider>(settings.Time);

        services.AddSingleton<OperatorListeners>();
        services.AddOptions<KestrelServerOptions>().Configure<OperatorListeners>((kestrel, listeners) =>
        {
            var bind = OperatorEndpoints.BindAddress(options, connection.InCluster);
            kestrel.AddServerHeader = false;
            kestrel.Listen(bind, options.HealthPort, listen => listeners.Health = listen);
            kestrel.Listen(bind, options.MetricsPort, listen => listeners.Metrics = listen);
        });

        services.AddSingleton<OperatorMetrics>(provider => new OperatorMetrics(provider.GetRequiredService<CollectorRegistry>(), options.LeaseName));
        services.AddSingleton<IKubernetes>(provider =>
            new Kubernetes(connection.Configuration, provider.GetRequiredService<OperatorMetrics>().RestClient.CreateHandler()));
        services.AddSingleton<SealingKeyStore>(provider => new SealingKeyStore(
            provider.GetRequiredService<IKubernetes>(),
            new SealingOptions { OperatorNamespace = operatorNamespace, ServiceAccountNamespaceFile = null },
            provider.GetRequiredService<ILogger<SealingKeyStore>>()));
        services.AddSingleton<SealedDataVerifier>(provider =>
        {
            var keys = provider.GetRequiredService<SealingKeyStore>();
            return new SealedDataVerifier(() => keys.Ring);
        });
        services.AddSingleton<SealingKeyMaintenance>();
        services.AddSingleton<UnmanagedWorkloadInventory>();
        services.AddSingleton<OperatorCoreContext>(provider => new OperatorCoreContext(
            provider.GetRequiredService<IKubernetes>(), options, operatorNamespace, provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<OperatorMetrics>().Runtime,
            provider.GetRequiredService<SealedDataVerifier>())
        { Inventory = provider.GetRequiredService<UnmanagedWorkloadInventory>() });
        services.AddSingleton<IOperatorCore>(provider => coreFactory(provider.GetRequiredService<OperatorCoreContext>()));
        services.AddSingleton<OperatorState>(provider => new OperatorState(identity, provider.GetRequiredService<IOperatorCore>()));

        services.AddSingleton<ModelDeploymentMetrics>(provider => new ModelDeploymentMetrics(
            () => provider.GetRequiredService<IOperatorCore>().CachedModelDeployments, () => provider.GetRequiredService<OperatorState>().IsLeader));
        services.AddHostedService<ScrapeTimeMetrics>();
        services.AddHostedService(provider => new OperatorLifecycle(
            provider.GetRequiredService<IOperatorCore>(), provider.GetRequiredService<OperatorState>(), options,
            provider.GetRequiredService<IKubernetes>(), operatorNamespace, provider.GetRequiredService<SealingKeyMaintenance>(),
            provider.GetRequiredService<OperatorMetrics>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
    }

    private static Uri Address(ListenOptions? listener)
    {
        var endpoint = listener?.IPEndPoint ?? throw new InvalidOperationException("the endpoint is not bound");
        var host = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endpoint.Address;
        return new Uri($"http://{host}:{endpoint.Port}/");
    }
}
