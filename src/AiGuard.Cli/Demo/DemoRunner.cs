using System.Diagnostics;
using System.Globalization;
using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Hosting;
using AiGuard.Sandbox;
using k8s;
using k8s.Models;
using Spectre.Console;

namespace AiGuard.Cli.Demo;

/// <summary>
/// DemoRunner is <c>aiguard demo</c>: it starts an in-memory API server with simulated workloads and the operator in
/// this process, applies the CRDs and samples, shows the samples converging, and prints the compliance table.
/// The run fails (exit code 1) when a sample does not reach its expected phase (<see cref="DemoExpectations"/>).
/// </summary>
public sealed class DemoRunner(DemoOptions options, IAnsiConsole console)
{
    private const string OperatorNamespace = "aiguard-system";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch _clock = new();

    /// <summary>Runs the demo; with <see cref="DemoOptions.KeepRunning"/> it then waits for <paramref name="cancellationToken"/> (Ctrl-C).</summary>
    public async Task<DemoResult> RunAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        // A directory per run: two demos at once never share a log or kubeconfig (every port is picked free too).
        var work = options.WorkDirectory is { } given ? Directory.CreateDirectory(given).FullName : Directory.CreateTempSubdirectory("aiguard-demo-").FullName;
        console.MarkupLine("[bold]AiGuard demo[/]: an in-memory Kubernetes API server and the operator, in one process");

        await using var sandbox = await SandboxServer.StartAsync(
            new SandboxOptions { SimulateWorkloads = true, WorkloadReadyDelay = TimeSpan.FromMilliseconds(300) }, cancellationToken);
        Step($"API server (sandbox, simulated workloads) at {sandbox.BaseAddress}");
        using var client = sandbox.CreateClient();
        var applier = new ManifestApplier(client);

        // CRDs first: the operator's caches list the aiguard.io kinds as soon as they start.
        var crds = new List<string>();
        foreach (var (file, yaml) in DemoManifests.Crds)
        {
            foreach (var crd in ManifestApplier.Parse(file, yaml))
            {
                crds.Add(await applier.ApplyAsync(crd, cancellationToken));
            }
        }

        Step($"applied {crds.Count} CRDs: {string.Join(", ", crds.Select(c => c.Split(' ')[1]))}");
        await applier.ApplyAsync(new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = OperatorNamespace } }, cancellationToken);

        var logPath = Path.Combine(work, "operator.log");
        await using var logFile = new StreamWriter(new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite));
        await using var logger = OperatorLogging.Create(LogFormat.Console, inCluster: false, output: logFile);
        await using var host = OperatorHost.Create(new OperatorHostSettings
        {
            Options = new OperatorOptions { OperatorNamespace = OperatorNamespace, HealthPort = 0, MetricsPort = 0, Identity = "aiguard-demo" },
            ClientConfiguration = sandbox.CreateClientConfiguration(),
            Registry = Prometheus.Metrics.NewCustomRegistry(),
            Logger = logger,
            HandleSignals = false,
        });
        await host.StartAsync(cancellationToken);
        await WaitAsync(() => host.State.CachesSynced && host.State.IsLeader, TimeSpan.FromSeconds(15), "the operator's caches to sync", cancellationToken);
        Step($"operator running (leader, 4 workers), metrics at {host.MetricsAddress}metrics, log in {logPath}");

        var models = await ApplySamplesAsync(applier, cancellationToken);
        var applied = _clock.Elapsed;
        var rows = await ShowProgressAsync(client, models, cancellationToken);
        var converged = _clock.Elapsed - applied;
        var (reconciles, requests) = await ScrapeAsync(host, cancellationToken);
        Step($"metrics: {reconciles:0} reconciles (controller_runtime_reconcile_total), {requests:0} API requests (rest_client_requests_total)");

        console.WriteLine();
        console.Write(ComplianceReport.Table(rows));
        var mismatches = Mismatches(rows);
        foreach (var mismatch in mismatches)
        {
            console.MarkupLine($"[red]x[/] {Markup.Escape(mismatch)}");
        }

        var elapsed = _clock.Elapsed;
        if (mismatches.Count == 0)
        {
            console.MarkupLine($"[green]ok[/] all {rows.Count} samples reached their expected phases {Seconds(converged)} after they were applied; total elapsed {Seconds(elapsed)}");
        }
        else
        {
            console.MarkupLine($"[red]failed[/] after {Seconds(elapsed)}; the operator log is {Markup.Escape(logPath)}");
        }

        var result = new DemoResult(mismatches.Count == 0 ? 0 : 1, rows, converged, elapsed, reconciles, requests);
        if (options.KeepRunning && result.ExitCode == 0)
        {
            var kubeconfig = sandbox.WriteKubeconfig(options.KubeconfigPath ?? Path.Combine(work, "kubeconfig"));
            DemoInstructions.Print(console, kubeconfig, host, logPath);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.MarkupLine("stopping the operator and the API server");
            }

            await host.StopAsync(CancellationToken.None);
        }

        return result;
    }

    private async Task<List<(string Namespace, string Name)>> ApplySamplesAsync(ManifestApplier applier, CancellationToken cancellationToken)
    {
        var objects = DemoManifests.Samples.SelectMany(s => ManifestApplier.Parse(s.File, s.Yaml)).ToList();

        // Namespaces, then policies and exceptions, then models: each model is then first judged by the final rules.
        static int Order(IKubernetesObject<V1ObjectMeta> o) => o switch
        {
            V1Namespace => 0,
            GuardPolicy => 1,
            GuardException => 2,
            _ => 3,
        };

        var applied = new List<string>();
        var models = new List<(string, string)>();
        foreach (var item in objects.OrderBy(Order))
        {
            if (item is GuardException exception)
            {
                // The sample carries an example date; an exception may end at most 90 days after it is created.
                exception.Spec.ExpiresAt = DateTime.UtcNow.Date.AddDays(30);
            }

            applied.Add(await applier.ApplyAsync(item, cancellationToken));
            if (item is ModelDeployment model)
            {
                models.Add((model.Metadata.NamespaceProperty, model.Metadata.Name));
            }
        }

        Step($"applied config/samples: {string.Join(", ", applied)}");
        return models;
    }

    private async Task<List<ModelRow>> ShowProgressAsync(IKubernetes client, List<(string Namespace, string Name)> models, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        List<ModelRow> rows = [];
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task<bool> PollAsync()
        {
            rows = await ReadAsync(client, models, cancellationToken);
            return Mismatches(rows).Count == 0 || deadline.Elapsed > options.ConvergenceTimeout;
        }

        if (options.Interactive)
        {
            await console.Live(new Markup("waiting for the operator...")).StartAsync(async live =>
            {
                while (!await PollAsync())
                {
                    live.UpdateTarget(new Rows(new Markup($"[grey]{Seconds(_clock.Elapsed)}[/] converging..."), ComplianceReport.Table(rows)));
                    await Task.Delay(PollInterval, cancellationToken);
                }

                live.UpdateTarget(new Markup($"[grey]{Seconds(_clock.Elapsed)}[/] converged"));
            });
            return rows;
        }

        while (true)
        {
            var done = await PollAsync();
            foreach (var row in rows)
            {
                var state = $"{row.Phase}{(row.Ready ? ", Ready" : "")}";
                if (!seen.TryGetValue(row.Name, out var previous) || previous != state)
                {
                    seen[row.Name] = state;
                    console.WriteLine($"  {Seconds(_clock.Elapsed),7} {row.Namespace}/{row.Name}: {state}{(row.Score is { } score ? $", score {score}" : "")}");
                }
            }

            if (done)
            {
                return rows;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static async Task<List<ModelRow>> ReadAsync(IKubernetes client, List<(string Namespace, string Name)> models, CancellationToken cancellationToken)
    {
        var rows = new List<ModelRow>();
        foreach (var (ns, name) in models)
        {
            var model = await client.CustomObjects.GetNamespacedCustomObjectAsync<ModelDeployment>(
                ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural, name, cancellationToken);
            rows.Add(ModelRow.From(model));
        }

        return rows;
    }

    /// <summary>Samples not (yet) in their expected phase, as user-facing sentences.</summary>
    private static List<string> Mismatches(IEnumerable<ModelRow> rows) =>
        rows.Select(row => DemoExpectations.Expected.TryGetValue(row.Name, out var expected)
                ? row.Phase == expected.Phase && (expected.Phase != Phases.Compliant || row.Ready)
                    ? null
                    : $"{row.Namespace}/{row.Name} is {row.Phase}{(row.Ready ? "" : " (not Ready)")}, expected {expected.Phase}: {expected.Why}"
                : row.Phase is ModelRow.Pending or Phases.Progressing ? $"{row.Namespace}/{row.Name} has not converged ({row.Phase})" : null)
            .OfType<string>()
            .ToList();

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    // The operator's own /metrics, as Prometheus would scrape it: the demo exports the same series as a deployment.
    private static async Task<(double Reconciles, double Requests)> ScrapeAsync(OperatorHost host, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(host.MetricsAddress, "metrics"), cancellationToken);
        return (MetricsExposition.Sum(text, "controller_runtime_reconcile_total"), MetricsExposition.Sum(text, "rest_client_requests_total"));
    }

    private void Step(string text) => console.MarkupLine($"[grey]{Seconds(_clock.Elapsed),7}[/] [green]ok[/] {Markup.Escape(text)}");

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
