using System.Text.Json;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Hosting;
using AiGuard.Operator.Tests.Runtime;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Faults;
using Prometheus;
using Serilog.Events;

namespace AiGuard.Operator.Tests.Hosting;

/// <summary>The operator's JSON logs, as a log collector reads them from a real host reconciling over the sandbox.</summary>
public sealed class ReconcileLoggingTests
{
    [Fact]
    public async Task Json_lines_carry_the_rendered_message_the_level_and_the_model_namespace_and_name_while_reconciling()
    {
        await using var sandbox = await HostFixtures.StartClusterAsync("ml-retry", "ml-rejected");
        using var client = sandbox.CreateClient();

        // A transient failure (logged by the controller runtime) and a rejected child (logged by the reconciler).
        sandbox.Faults.Add(new FaultRule { Verb = "create", Resource = "deployments", Namespace = "ml-retry", StatusCode = 500, Count = 1, Message = "injected" });
        sandbox.Faults.Add(new FaultRule { Verb = "create", Resource = "deployments", Namespace = "ml-rejected", StatusCode = 422, Count = 1, Message = "injected rejection" });

        using var output = new LockedStringWriter();
        await using (var logger = OperatorLogging.Create(LogFormat.Json, inCluster: false, LogEventLevel.Information, output))
        {
            await using var host = OperatorHost.Create(new OperatorHostSettings
            {
                Options = HostFixtures.FastOptions(leaderElect: false, "logs"),
                ClientConfiguration = sandbox.CreateClientConfiguration(),
                Registry = Metrics.NewCustomRegistry(),
                Logger = logger,
                HandleSignals = false,
            });
            await host.StartAsync();
            await ClusterSetup.CreateAsync(client, ClusterSetup.CompliantModel("ml-retry", "scorer"));
            await ClusterSetup.CreateAsync(client, ClusterSetup.CompliantModel("ml-rejected", "ranker"));
            await ClusterSetup.WaitForPhaseAsync(client, "ml-retry", "scorer", Phases.Compliant, TimeSpan.FromSeconds(20));
            // The rejected model reports Error until something makes it reconcile again; wait for the reconciler's line instead.
            await Eventually.TrueAsync(() => output.ToString().Contains("waiting for a spec change", StringComparison.Ordinal), "the reconciler logs the rejection");
            await host.StopAsync();
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList(); // every line is one JSON object
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.GetProperty("@t").GetString()));
            Assert.Contains(e.GetProperty("@l").GetString(), new[] { "Verbose", "Debug", "Information", "Warning", "Error", "Fatal" });
            Assert.False(string.IsNullOrEmpty(e.GetProperty("@m").GetString()));
            Assert.True(e.TryGetProperty("@mt", out _));
        });
        Assert.Contains(events, e => e.GetProperty("@l").GetString() == "Information"); // Information is written too, unlike compact JSON

        // Every line written while reconciling a model names it in separate fields.
        var reconciling = events.Where(e => e.TryGetProperty("reconcileID", out _) && Field(e, "controller") == "modeldeployments").ToList();
        Assert.All(reconciling, e =>
        {
            Assert.False(string.IsNullOrEmpty(Field(e, "namespace")));
            Assert.False(string.IsNullOrEmpty(Field(e, "name")));
        });

        var retried = Assert.Single(reconciling, e => Field(e, "namespace") == "ml-retry");
        Assert.Equal("scorer", Field(retried, "name"));
        Assert.Equal("Warning", retried.GetProperty("@l").GetString());
        Assert.Contains("reconcile of ml-retry/scorer failed", retried.GetProperty("@m").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Field(retried, "reconcileID")));

        var rejected = Assert.Single(reconciling, e => Field(e, "namespace") == "ml-rejected"
            && e.GetProperty("@m").GetString()!.Contains("waiting for a spec change", StringComparison.Ordinal));
        Assert.Equal("ranker", Field(rejected, "name"));
        Assert.Equal("Warning", rejected.GetProperty("@l").GetString());
        Assert.Contains("injected rejection", rejected.GetProperty("@m").GetString(), StringComparison.Ordinal);

        // Lines outside a reconcile (startup, caches, leadership) carry no stale model fields.
        Assert.Contains(events, e => e.GetProperty("@m").GetString()!.Contains("caches synced", StringComparison.Ordinal) && !e.TryGetProperty("reconcileID", out _));
    }

    /// <summary>A log buffer the test can read while the operator writes to it.</summary>
    private sealed class LockedStringWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                base.Write(buffer, index, count);
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }

    private static string? Field(JsonElement e, string name) => e.TryGetProperty(name, out var value) ? value.GetString() : null;
}
