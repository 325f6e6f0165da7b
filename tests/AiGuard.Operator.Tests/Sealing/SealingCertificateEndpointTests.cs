using System.Net;
using AiGuard.Operator.Sealing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Tests.Sealing;

[Collection(SealingKeysCollection.Name)]
public sealed class SealingCertificateEndpointTests(SealingTestKeys keys)
{
    [Fact]
    public async Task Serves_the_active_certificate_as_pem_and_503_before_a_key_exists()
    {
        string? pem = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapSealingCertificate(() => pem);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        using var before = await http.GetAsync(new Uri("/v1/cert.pem", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Contains("no sealing key exists yet", await before.Content.ReadAsStringAsync());
        Assert.NotNull(before.Headers.RetryAfter);

        pem = keys.Cluster.ExportCertificatePem();
        using var after = await http.GetAsync(new Uri("/v1/cert.pem", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("application/x-pem-file", after.Content.Headers.ContentType!.MediaType);
        Assert.Equal(pem, await after.Content.ReadAsStringAsync());
        Assert.True(after.Headers.CacheControl!.NoCache);

        await app.StopAsync();
    }
}
