using System.Net;
using AiGuard.Operator.Sealing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// OperatorEndpoints maps the operator's HTTP surface. The probes (<c>/healthz</c>, <c>/readyz</c>) answer only on
/// the health port and <c>/metrics</c> and <c>/v1/cert.pem</c> only on the metrics port, so a NetworkPolicy or
/// Service can expose one without the other.
/// </summary>
public static class OperatorEndpoints
{
    /// <summary>Liveness: 200 while the process serves requests.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Readiness: 200 once the caches are synced, 503 before.</summary>
    public const string ReadyPath = "/readyz";

    /// <summary>Prometheus text exposition.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Maps every endpoint. Handlers take what they serve from the host's services per request, so mapping builds
    /// nothing; the port filters read <see cref="OperatorListeners"/> per request because port 0 is bound late.
    /// </summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var health = endpoints.MapGroup(string.Empty).AddEndpointFilter(OnPort(listeners => listeners.Health));
        health.MapGet(HealthPath, () => Results.Text("ok\n"));
        health.MapGet(ReadyPath, ([FromServices] OperatorState state) => state.CachesSynced
            ? Results.Text("ok\n")
            : Results.Text("caches not synced yet\n", statusCode: StatusCodes.Status503ServiceUnavailable));

        var metrics = endpoints.MapGroup(string.Empty).AddEndpointFilter(OnPort(listeners => listeners.Metrics));
        metrics.MapGet(MetricsPath, async (HttpContext context, [FromServices] CollectorRegistry registry) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
            if (context.RequestServices.GetService<ModelDeploymentMetrics>() is { } models)
            {
                await models.WriteAsync(context.Response.Body, context.RequestAborted);
            }
        });
        var services = endpoints.ServiceProvider;
        metrics.MapSealingCertificate(() => services.GetRequiredService<SealingKeyStore>().ActiveCertificatePem);
    }

    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> OnPort(
        Func<OperatorListeners, ListenOptions?> listener) =>
        (context, next) =>
        {
            var listeners = context.HttpContext.RequestServices.GetRequiredService<OperatorListeners>();
            return context.HttpContext.Connection.LocalPort == OperatorListeners.BoundPort(listener(listeners))
                ? next(context)
                : ValueTask.FromResult<object?>(Results.NotFound());
        };

    /// <summary>The address endpoints listen on: 0.0.0.0 in a cluster, loopback elsewhere, unless configured.</summary>
    public static IPAddress BindAddress(OperatorOptions options, bool inCluster) =>
        options.BindAddress is { } configured ? IPAddress.Parse(configured)
        : inCluster ? IPAddress.Any
        : IPAddress.Loopback;
}
