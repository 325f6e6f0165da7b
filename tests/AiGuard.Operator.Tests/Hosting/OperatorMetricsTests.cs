using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Hosting;
using AiGuard.Operator.Tests.Controllers.Support;
using AiGuard.Operator.Tests.Runtime;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Faults;
using Prometheus;

namespace AiGuard.Operator.Tests.Hosting;

/// <summary>The operator's /metrics, scraped over HTTP from a real host over the sandbox, under the names controller dashboards use.</summary>
public sealed class OperatorMetricsTests
{
    private const string Models = "controller=\"modeldeployments\"";
    private const string ModelQueue = "name=\"modeldeployments\",controller=\"modeldeployments\"";

    [Fact]
    public async Task Metrics_use_controller_runtime_and_client_go_names_and_move_when_a_model_is_reconciled()
    {
        await using var sandbox = await HostFixtures.StartClusterAsync("ml-prod");
        using var client = sandbox.CreateClient();
        var registry = Metrics.NewCustomRegistry();
        await using var host = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "metrics-a"), ModelDeploymentCore.Create, registry);
        await host.StartAsync();
        await Eventually.TrueAsync(() => host.State.IsLeader && host.State.CachesSynced, "the replica leads with synced caches");
        using var http = new HttpClient();
        var apiHost = sandbox.BaseAddress.Authority;

        var before = await ScrapeAsync(http, host);
        Assert.Equal(0, before.Value($"controller_runtime_reconcile_total{{{Models},result=\"success\"}}"));

        // One failed apply: the reconcile errors once, is retried with backoff and then succeeds.
        sandbox.Faults.Add(new FaultRule { Verb = "create", Resource = "deployments", Namespace = "ml-prod", StatusCode = 500, Count = 1, Message = "injected" });
        await ClusterSetup.CreateAsync(client, ClusterSetup.CompliantModel("ml-prod", "scorer"));
        await ClusterSetup.WaitForPhaseAsync(client, "ml-prod", "scorer", Phases.Compliant, TimeSpan.FromSeconds(20));
        var after = await ScrapeAsync(http, host);

        // controller-runtime's controller series.
        after.HasType("controller_runtime_reconcile_total", "counter");
        after.HasType("controller_runtime_reconcile_errors_total", "counter");
        after.HasType("controller_runtime_reconcile_time_seconds", "histogram");
        after.HasType("controller_runtime_active_workers", "gauge");
        after.HasType("controller_runtime_max_concurrent_reconciles", "gauge");
        Assert.True(after.Value($"controller_runtime_reconcile_total{{{Models},result=\"success\"}}") >= 1);
        Assert.True(after.Value($"controller_runtime_reconcile_total{{{Models},result=\"error\"}}") >= 1);
        Assert.True(after.Value($"controller_runtime_reconcile_errors_total{{{Models}}}") >= 1);
        Assert.NotNull(after.Value($"controller_runtime_reconcile_total{{{Models},result=\"requeue_after\"}}"));
        Assert.True(after.Value($"controller_runtime_reconcile_time_seconds_count{{{Models}}}") >= 2);
        Assert.NotNull(after.Value($"controller_runtime_reconcile_time_seconds_bucket{{{Models},le=\"0.005\"}}"));
        Assert.NotNull(after.Value($"controller_runtime_active_workers{{{Models}}}"));
        Assert.Equal(2, after.Value($"controller_runtime_max_concurrent_reconciles{{{Models}}}"));
        Assert.Equal(1, after.Value("controller_runtime_max_concurrent_reconciles{controller=\"guardpolicies\"}"));

        // client-go's workqueue series, labelled name and controller.
        foreach (var (family, type) in new[]
        {
            ("workqueue_depth", "gauge"), ("workqueue_adds_total", "counter"), ("workqueue_queue_duration_seconds", "histogram"),
            ("workqueue_work_duration_seconds", "histogram"), ("workqueue_unfinished_work_seconds", "gauge"),
            ("workqueue_longest_running_processor_seconds", "gauge"), ("workqueue_retries_total", "counter"),
        })
        {
            after.HasType(family, type);
        }

        Assert.True(after.Value($"workqueue_adds_total{{{ModelQueue}}}") >= 1);
        Assert.True(after.Value($"workqueue_retries_total{{{ModelQueue}}}") >= 1);
        Assert.True(after.Value($"workqueue_queue_duration_seconds_count{{{ModelQueue}}}") >= 2);
        Assert.True(after.Value($"workqueue_work_duration_seconds_count{{{ModelQueue}}}") >= 2);
        Assert.NotNull(after.Value($"workqueue_depth{{{ModelQueue}}}"));
        Assert.NotNull(after.Value($"workqueue_unfinished_work_seconds{{{ModelQueue}}}"));
        Assert.NotNull(after.Value($"workqueue_longest_running_processor_seconds{{{ModelQueue}}}"));

        // client-go's REST client series count the operator's real requests, by status code: the Lease did not exist
        // (GET 404), was created (POST 201), the caches listed (GET 200), the children were created (POST, one refused
        // with the injected 500) and the status was patched (PATCH).
        after.HasType("rest_client_requests_total", "counter");
        after.HasType("rest_client_request_duration_seconds", "histogram");
        Assert.True(after.Value($"rest_client_requests_total{{code=\"404\",method=\"GET\",host=\"{apiHost}\"}}") >= 1);
        Assert.True(after.Value($"rest_client_requests_total{{code=\"201\",method=\"POST\",host=\"{apiHost}\"}}") >= 1);
        Assert.True(after.Value($"rest_client_requests_total{{code=\"500\",method=\"POST\",host=\"{apiHost}\"}}") >= 1);
        Assert.True(after.Value($"rest_client_requests_total{{code=\"200\",method=\"GET\",host=\"{apiHost}\"}}") >= 1);
        double? Patches(Scrape scrape) => (scrape.Value($"rest_client_requests_total{{code=\"200\",method=\"PATCH\",host=\"{apiHost}\"}}") ?? 0)
            + (scrape.Value($"rest_client_requests_total{{code=\"201\",method=\"PATCH\",host=\"{apiHost}\"}}") ?? 0);
        Assert.True(Patches(after) > Patches(before), "the model's status patch was not counted");
        Assert.True(after.Value($"rest_client_request_duration_seconds_count{{verb=\"POST\",host=\"{apiHost}\"}}") >= 2);

        // Leadership, build and readiness.
        Assert.Equal(1, after.Value("leader_election_master_status{name=\"aiguard-operator\"}"));
        Assert.Equal(1, after.Value($"aiguard_build_info{{version=\"{OperatorMetrics.Version}\"}}"));

        // Readiness is polled every 100 ms and the phase is read from the cache, which may trail the API server briefly.
        await Eventually.TrueAsync(async () => (await ScrapeAsync(http, host)).Value("aiguard_caches_synced") == 1, "the caches-synced gauge");
        await Eventually.TrueAsync(
            async () => (await ScrapeAsync(http, host)).Value("aiguard_modeldeployment_phase{namespace=\"ml-prod\",name=\"scorer\",phase=\"Compliant\"}") == 1,
            "the phase gauge");

        // No second name for one thing: the old aiguard_* runtime series are gone.
        Assert.DoesNotContain(after.Lines, l => l.StartsWith("aiguard_reconcile", StringComparison.Ordinal)
            || l.StartsWith("aiguard_workqueue", StringComparison.Ordinal) || l.StartsWith("aiguard_leader{", StringComparison.Ordinal));

        // The leader's sealing key: its expiry, which the chart's AiGuardSealingKeyNearExpiry alert watches, lies ahead.
        double? expiry = null;
        await Eventually.TrueAsync(
            () => (expiry = MetricText.ValueAsync(registry, "aiguard_sealing_key_expiry_timestamp_seconds").GetAwaiter().GetResult()) is not null,
            "the sealing key expiry gauge", TimeSpan.FromSeconds(60));
        Assert.True(expiry > DateTimeOffset.UtcNow.ToUnixTimeSeconds(), $"the active sealing key expired at {expiry}");

        await host.StopAsync();
        Assert.Equal(0, await MetricText.ValueAsync(registry, "leader_election_master_status{name=\"aiguard-operator\"}"));
    }

    [Fact]
    public async Task A_standby_reports_leader_status_zero_and_reconciles_nothing()
    {
        await using var sandbox = await HostFixtures.StartClusterAsync();
        var registries = new[] { Metrics.NewCustomRegistry(), Metrics.NewCustomRegistry() };
        await using var a = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "replica-a"), ModelDeploymentCore.Create, registries[0]);
        await using var b = HostFixtures.Create(sandbox, HostFixtures.FastOptions(leaderElect: true, "replica-b"), ModelDeploymentCore.Create, registries[1]);
        await a.StartAsync();
        await b.StartAsync();
        await Eventually.TrueAsync(() => (a.State.IsLeader || b.State.IsLeader) && a.State.CachesSynced && b.State.CachesSynced, "one replica leads, both synced");
        var standby = a.State.IsLeader ? registries[1] : registries[0];
        var leader = a.State.IsLeader ? registries[0] : registries[1];

        await Eventually.TrueAsync(
            async () => await MetricText.ValueAsync(leader, $"controller_runtime_max_concurrent_reconciles{{{Models}}}") == 2, "the leader's workers start");
        Assert.Equal(1, await MetricText.ValueAsync(leader, "leader_election_master_status{name=\"aiguard-operator\"}"));
        Assert.Equal(0, await MetricText.ValueAsync(standby, "leader_election_master_status{name=\"aiguard-operator\"}"));
        Assert.Equal(0, await MetricText.ValueAsync(standby, $"controller_runtime_max_concurrent_reconciles{{{Models}}}")); // runs no workers
    }

    private static async Task<Scrape> ScrapeAsync(HttpClient http, OperatorHost host) =>
        new((await http.GetStringAsync(new Uri(host.MetricsAddress, "metrics"))).Split('\n'));

    /// <summary>One scrape of the Prometheus text format.</summary>
    private sealed record Scrape(string[] Lines)
    {
        public double? Value(string series) =>
            Lines.FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal)) is { } line
                ? double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture)
                : null;

        public void HasType(string family, string type) =>
            Assert.Contains($"# TYPE {family} {type}", Lines);
    }
}
