using System.Diagnostics;
using System.Globalization;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// OperatorProcess is one <c>aiguard operator</c> running as its own process against the sandbox, with its health and
/// metrics ports on 127.0.0.1, optionally leader-elected (Lease timings from <see cref="LeaseTimings"/>).
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    /// <summary>The namespace of the Lease and the sealing keys; the suite creates it before any operator starts.</summary>
    public const string Namespace = "bench-system";

    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ChildProcess process;
    private readonly int healthPort;
    private readonly int metricsPort;

    private OperatorProcess(ChildProcess process, string name, int healthPort, int metricsPort)
    {
        this.process = process;
        Name = name;
        this.healthPort = healthPort;
        this.metricsPort = metricsPort;
    }

    public string Name { get; }

    public ChildProcess Process => process;

    /// <summary>Starts an operator and returns once /readyz answers 200 (caches synced) and, alone, once it has a sealing key.</summary>
    public static async Task<OperatorProcess> StartAsync(string dll, SandboxProcess sandbox, string name, int workers, LeaseTimings? lease)
    {
        var health = FreePort.Next();
        var metrics = FreePort.Next();
        var arguments = new List<string>
        {
            "operator", "--kubeconfig", sandbox.WriteOperatorKubeconfig(name), "--workers", workers.ToString(CultureInfo.InvariantCulture),
            "--operator-namespace", Namespace, "--health-port", health.ToString(CultureInfo.InvariantCulture),
            "--metrics-port", metrics.ToString(CultureInfo.InvariantCulture), "--log-format", "console",
        };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AIGUARD_BIND_ADDRESS"] = "127.0.0.1",
            ["POD_NAME"] = name,

            // The GC settings of the image, the chart and config/manager: without them the benchmark would measure a
            // process configured unlike any installed operator. AIGUARD_BENCH_GCGEN0SIZE (hex bytes) measures another
            // gen0 budget for the memory/CPU table in docs/performance.md.
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_gcConcurrent"] = "0",
            ["DOTNET_GCConserveMemory"] = "5",
            ["DOTNET_GCgen0size"] = Environment.GetEnvironmentVariable("AIGUARD_BENCH_GCGEN0SIZE") is { Length: > 0 } gen0 ? gen0 : "0x400000",
        };
        // AIGUARD_BENCH_OPERATOR_ENV ("NAME=value;NAME=value") measures a runtime setting on the operator alone, e.g.
        // a tiering knob the chart could set, without changing the sandbox it is compared against.
        foreach (var setting in (Environment.GetEnvironmentVariable("AIGUARD_BENCH_OPERATOR_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"AIGUARD_BENCH_OPERATOR_ENV: '{setting}' is not NAME=value");
            }

            environment[setting[..equals].Trim()] = setting[(equals + 1)..];
        }

        if (lease is not null)
        {
            arguments.Add("--leader-elect");
            environment["AIGUARD_LEASE_DURATION"] = Duration(lease.LeaseDuration);
            environment["AIGUARD_RENEW_DEADLINE"] = Duration(lease.RenewDeadline);
            environment["AIGUARD_RETRY_PERIOD"] = Duration(lease.RetryPeriod);
        }

        var child = ChildProcess.Start(name, dll, arguments, environment);
        var started = new OperatorProcess(child, name, health, metrics);
        var clock = Stopwatch.StartNew();
        while (!await started.IsReadyAsync())
        {
            if (child.HasExited || clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                var tail = child.Tail();
                await child.DisposeAsync();
                throw new InvalidOperationException($"operator {name} was not ready within 120 s:{Environment.NewLine}{tail}");
            }

            await Task.Delay(100);
        }

        // A lone operator creates its sealing key (a Secret and a certificate ConfigMap) just after it is ready; waiting
        // for the key's metric and for the sandbox to have answered the ConfigMap's create keeps those one-off writes
        // out of the first measured phase (the metric is set as soon as the key loads, before the ConfigMap is written).
        while (lease is null && !await HasSealingKeyAsync(started, sandbox))
        {
            if (child.HasExited || clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                var tail = child.Tail();
                await child.DisposeAsync();
                throw new InvalidOperationException($"operator {name} loaded no sealing key within 120 s:{Environment.NewLine}{tail}");
            }

            await Task.Delay(100);
        }

        return started;
    }

    public long ResidentBytes() => process.ResidentBytes();

    private static async Task<bool> HasSealingKeyAsync(OperatorProcess started, SandboxProcess sandbox) =>
        (await started.ScrapeAsync()).Sum("aiguard_sealing_key_expiry_timestamp_seconds") > 0
        && (await sandbox.ScrapeAsync()).Sum("apiserver_request_total", l =>
            l.GetValueOrDefault("verb") == "create" && l.GetValueOrDefault("resource") == "configmaps") > 0;

    /// <summary>True while leader_election_master_status is 1 (also when running alone without --leader-elect).</summary>
    public async Task<bool> IsLeaderAsync()
    {
        try
        {
            return (await ScrapeAsync()).Sum("leader_election_master_status") >= 1;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<PrometheusSamples> ScrapeAsync() =>
        PrometheusSamples.Parse(await Probe.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics")));

    /// <summary>SIGKILL, as a node loss or OOM kill: no Lease release, no drain.</summary>
    public Task KillAsync() => process.KillAsync();

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Probe.GetAsync(new Uri($"http://127.0.0.1:{healthPort}/readyz"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private static string Duration(TimeSpan value) => $"{(long)value.TotalMilliseconds}ms";
}
