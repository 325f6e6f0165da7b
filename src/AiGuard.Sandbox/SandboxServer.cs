using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using AiGuard.Sandbox.Faults;
using AiGuard.Sandbox.Hosting;
using AiGuard.Sandbox.Metrics;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiGuard.Sandbox;

/// <summary>
/// An in-memory Kubernetes API server on 127.0.0.1 (plain HTTP/1.1, bearer-token authentication, RBAC) that
/// KubernetesClient, kubectl and helm work against unmodified. Start one per test with <see cref="StartAsync"/> and
/// dispose it. <see cref="CreateClient()"/> and <see cref="WriteKubeconfig"/> use the per-run admin token
/// (system:masters); requests without a token are system:anonymous.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Cluster cluster;

    private readonly X509Certificate2 certificate;

    private SandboxServer(WebApplication app, Cluster cluster, Uri baseAddress, Uri secureAddress, X509Certificate2 certificate)
    {
        this.app = app;
        this.cluster = cluster;
        this.certificate = certificate;
        BaseAddress = baseAddress;
        SecureAddress = secureAddress;
    }

    /// <summary>The server's plain-HTTP address, e.g. http://127.0.0.1:41234/ (in-process clients and raw HTTP).</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// The same API over HTTPS with a per-run self-signed certificate, e.g. https://127.0.0.1:41235/. Kubeconfigs
    /// point here because kubectl and helm send tokens only over TLS.
    /// </summary>
    public Uri SecureAddress { get; }

    public SandboxOptions Options => cluster.Options;

    /// <summary>Fault injection: failing or slowing requests, closing watches, compacting history.</summary>
    public FaultInjector Faults => cluster.Faults;

    /// <summary>Request counters (apiserver_request_total) readable in-process.</summary>
    public RequestMetrics Metrics => cluster.Metrics;

    /// <summary>
    /// CRD x-kubernetes-validations rules this sandbox does not enforce (could not compile or evaluate), one line
    /// per rule with the reason. Also sent as Warning headers on every CRD write.
    /// </summary>
    public IReadOnlyList<string> SkippedValidationRules => cluster.SkippedValidationRules();

    /// <summary>
    /// The bearer token of the sandbox's admin (user sandbox-admin, group system:masters): random for every
    /// sandbox, so a token from another run never works.
    /// </summary>
    public string AdminToken => cluster.Access.Authenticator.AdminToken;

    /// <summary>
    /// Starts a sandbox and returns once it accepts connections. A malformed <see cref="SandboxOptions.TokenFile"/>
    /// throws <see cref="FormatException"/> naming file:line.
    /// </summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var cluster = new Cluster(options);
        cluster.Seed();

        var certificate = ServingCertificate.Create();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SandboxServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Limits.ApiLimits.MaxRequestBodyBytes;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, options.SecurePort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        var dispatcher = new ApiDispatcher(cluster);
        var log = options.RequestLog;
        app.Run(log is null ? dispatcher.HandleAsync : async context =>
        {
            var watch = Stopwatch.StartNew();
            await dispatcher.HandleAsync(context);
            log(string.Create(CultureInfo.InvariantCulture,
                $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} {context.Response.StatusCode} {watch.ElapsedMilliseconds}ms"));
        });

        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        var port = addresses.First(a => a.Scheme == "http").Port;
        var securePort = addresses.First(a => a.Scheme == "https").Port;
        return new SandboxServer(app, cluster, new Uri($"http://127.0.0.1:{port}/"), new Uri($"https://127.0.0.1:{securePort}/"), certificate);
    }

    /// <summary>A KubernetesClient configuration pointing at this sandbox, as the admin or as the holder of <paramref name="token"/>.</summary>
    public KubernetesClientConfiguration CreateClientConfiguration(string? token = null) => new()
    {
        Host = BaseAddress.ToString().TrimEnd('/'),
        Namespace = "default",
        AccessToken = token ?? AdminToken,
    };

    /// <summary>Creates an admin client for this sandbox (dispose it).</summary>
    public Kubernetes CreateClient() => new(CreateClientConfiguration());

    /// <summary>Creates a client that authenticates with <paramref name="token"/> (a ServiceAccount or token-file token).</summary>
    public Kubernetes CreateClient(string token) => new(CreateClientConfiguration(token));

    /// <summary>A raw HTTP client with this sandbox as its base address, sending the admin token (or <paramref name="token"/>; "" for none).</summary>
    public HttpClient CreateHttpClient(string? token = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if ((token ?? AdminToken) is { Length: > 0 } bearer)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return http;
    }

    /// <summary>
    /// Writes a kubeconfig (context "aiguard-sandbox", namespace default) that kubectl, helm and KubernetesClient
    /// accept, with the admin token (or <paramref name="token"/>); returns its path.
    /// </summary>
    public string WriteKubeconfig(string path, string? token = null, string defaultNamespace = "default") =>
        Kubeconfig.Write(path, SecureAddress, ServingCertificate.AuthorityData(certificate), token ?? AdminToken, defaultNamespace);

    public async ValueTask DisposeAsync()
    {
        cluster.Stop();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        finally
        {
            await app.DisposeAsync();
            cluster.Dispose();
            certificate.Dispose();
        }
    }
}
