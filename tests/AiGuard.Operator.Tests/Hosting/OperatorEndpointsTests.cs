using System.Net;
using AiGuard.Operator.Hosting;
using AiGuard.Operator.Sealing;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Operator.Tests.Runtime;
using AiGuard.Sandbox;
using k8s;

namespace AiGuard.Operator.Tests.Hosting;

public sealed class OperatorEndpointsTests
{
    [Fact]
    public async Task Serves_probes_on_the_health_port_and_metrics_and_certificate_on_the_metrics_port()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await HostFixtures.CreateNamespaceAsync(sandbox, HostFixtures.OperatorNamespace);
        var core = new RecordingCore(syncAtOnce: false);
        await using var host = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: false, "solo"), _ => core);
        await host.StartAsync();
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(host.HealthAddress, "healthz"))).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri(host.HealthAddress, "readyz"))).StatusCode);

        core.Sync();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(host.HealthAddress, "readyz"))).StatusCode);

        // Each port serves only its own paths.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(host.MetricsAddress, "healthz"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(host.HealthAddress, "metrics"))).StatusCode);

        // Leading alone: workers run and the leader creates the sealing key and serves its certificate.
        await Eventually.TrueAsync(() => core.WorkersRunning, "workers run on a process leading alone");
        await Eventually.TrueAsync(() => host.SealingKeys.ActiveCertificatePem is not null, "the leader creates a sealing key", TimeSpan.FromSeconds(60));
        var cert = await http.GetAsync(new Uri(host.MetricsAddress, "v1/cert.pem"));
        Assert.Equal(HttpStatusCode.OK, cert.StatusCode);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await cert.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The caches-synced gauge follows the core's sync within one 100 ms readiness tick, which the key may beat.
        var metrics = "";
        await Eventually.TrueAsync(
            async () => (metrics = await http.GetStringAsync(new Uri(host.MetricsAddress, "metrics"))).Contains("aiguard_caches_synced 1", StringComparison.Ordinal),
            "the caches-synced gauge");
        Assert.Contains("leader_election_master_status{name=\"aiguard-operator\"} 1", metrics, StringComparison.Ordinal); // leading alone
        Assert.Contains("aiguard_caches_synced 1", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE rest_client_requests_total counter", metrics, StringComparison.Ordinal);

        // The store holds the certificate as soon as the key exists and publishes the ConfigMap just after.
        using var client = sandbox.CreateClient();
        await Eventually.TrueAsync(async () =>
            (await client.CoreV1.ListNamespacedConfigMapAsync(HostFixtures.OperatorNamespace)).Items
                .SingleOrDefault(c => c.Metadata.Name == SealingKeyStore.CertificateConfigMapName)?.Data is { } data
            && data.TryGetValue(SealingKeyStore.CertificateConfigMapKey, out var pem)
            && pem == host.SealingKeys.ActiveCertificatePem,
            "the certificate ConfigMap");
    }

    [Fact]
    public async Task Stopping_drains_the_workers_and_cancels_the_caches()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await HostFixtures.CreateOperatorNamespaceWithKeyAsync(sandbox);
        var core = new RecordingCore();
        await using var host = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: false, "solo"), _ => core);
        await host.StartAsync();
        await Eventually.TrueAsync(() => core.WorkersRunning, "workers start");

        await host.StopAsync();

        Assert.False(core.WorkersRunning);
        Assert.True(core.CachesToken.IsCancellationRequested);
        Assert.False(host.State.IsLeader);
    }
}
