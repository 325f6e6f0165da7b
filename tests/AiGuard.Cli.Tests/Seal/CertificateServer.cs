using AiGuard.Operator.Sealing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiGuard.Cli.Tests.Seal;

/// <summary>CertificateServer serves the operator's real <c>/v1/cert.pem</c> endpoint on a free local port over plain http.</summary>
internal static class CertificateServer
{
    /// <summary>Starts serving <paramref name="pem"/> (503 while null).</summary>
    public static async Task<WebApplication> StartAsync(string? pem)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapSealingCertificate(() => pem);
        await app.StartAsync();
        return app;
    }

    /// <summary>The server's base address, without a trailing slash.</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
}
