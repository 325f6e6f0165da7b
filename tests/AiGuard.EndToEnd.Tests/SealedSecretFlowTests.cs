using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AiGuard.Cli.Commands;
using AiGuard.Operator.Hosting;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Tests.Clients;
using k8s;
using k8s.Autorest;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The GitOps flow with the real tools: seal with <c>aiguard seal --fetch-cert</c> against a running operator,
/// merge the sealed value into a copy of a sample manifest, <c>kubectl apply</c> it, and find the decrypted Secret
/// mounted read-only. Everything the operator said on the way (logs at every level, every Event, the status) is
/// captured, and the plaintext appears in none of it, only in the Secret's data.
/// </summary>
public sealed class SealedSecretFlowTests
{
    private const string Ns = "ml-prod";
    private const string Model = "support-assistant";
    private const string MountPath = "/var/run/secrets/api";

    [Fact]
    public async Task Sealed_value_reaches_a_read_only_mount_and_no_log_event_or_status_shows_it()
    {
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        var canaryBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(canary));
        var logs = new CapturedLogs();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { SimulateWorkloads = true, WorkloadReadyDelay = TimeSpan.FromMilliseconds(100) });
        await using var host = OperatorHost.Create(new OperatorHostSettings
        {
            Options = new OperatorOptions { HealthPort = 0, MetricsPort = 0, OperatorNamespace = "aiguard-system", Identity = "e2e-sealed" },
            ClientConfiguration = sandbox.CreateClientConfiguration(),
            Registry = Prometheus.Metrics.NewCustomRegistry(),
            Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(logs).CreateLogger(),
            HandleSignals = false,
        });
        await host.StartAsync();
        using var client = sandbox.CreateClient();
        using var session = new KubeClientSession(timeout: TimeSpan.FromSeconds(90));
        session.WriteKubeconfig(sandbox);
        async Task<ClientRun> Kubectl(params string[] args)
        {
            var run = await session.RunAsync(KubeClientTools.Kubectl, ["--cache-dir", session.CacheDir, .. args]);
            Assert.True(run.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed\n{run}");
            return run;
        }

        await Kubectl("apply", "-f", SampleFiles.CrdDirectory);
        await Kubectl("create", "namespace", "aiguard-system");
        var samples = SampleFiles.CopySamples(session.Directory);
        await Kubectl("apply", "-f", Path.Combine(samples, "namespace-ml-prod.yaml"));
        var manifest = Path.Combine(samples, "modeldeployment-vllm-hardened.yaml");

        // Seal against the cluster: the certificate comes from the ConfigMap the operator publishes once it has a key.
        var sealedRun = await Eventually.ReturnsAsync(
            () => SealAsync("-n", Ns, "--model", Model, "--secret", "api-key", "--from-literal", $"token={canary}",
                "--mount-path", MountPath, "--fetch-cert", "--kubeconfig", session.KubeconfigPath, "--merge-into", manifest),
            run => run.ExitCode == 0, run => $"aiguard seal never succeeded\n{run}", TimeSpan.FromSeconds(60));
        var merged = await File.ReadAllTextAsync(manifest);
        Assert.Contains("sealedData:", merged, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, merged, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, sealedRun.Stdout + sealedRun.Stderr, StringComparison.Ordinal);

        await Kubectl("apply", "-f", manifest);

        // The Secret <md>-api-key-<hash8> holds the value, and the Deployment mounts it read-only at the mountPath.
        var secretName = await Eventually.ReturnsAsync(
            async () => (await client.CoreV1.ListNamespacedSecretAsync(Ns)).Items
                .Select(s => s.Metadata.Name).SingleOrDefault(n => n.StartsWith($"{Model}-api-key-", StringComparison.Ordinal)),
            name => name is not null, _ => "no Secret support-assistant-api-key-*", TimeSpan.FromSeconds(30));
        Assert.Matches($"^{Model}-api-key-[0-9a-f]{{8}}$", secretName);
        var secretYaml = (await Kubectl("get", "secret", secretName!, "-n", Ns, "-o", "yaml")).StdOut;
        Assert.Contains($"token: {canaryBase64}", secretYaml, StringComparison.Ordinal); // the test can see the value where it belongs
        Assert.Contains("immutable: true", secretYaml, StringComparison.Ordinal);

        var pod = await Eventually.ReturnsAsync(
            async () => JsonDocument.Parse((await Kubectl("get", "deployment", Model, "-n", Ns, "-o", "json")).StdOut).RootElement
                .GetProperty("spec").GetProperty("template").GetProperty("spec").Clone(),
            spec => spec.GetProperty("volumes").EnumerateArray().Any(v => v.TryGetProperty("secret", out var s) && s.GetProperty("secretName").GetString() == secretName),
            spec => $"the Deployment does not mount {secretName}: {spec}", TimeSpan.FromSeconds(30));
        var volume = pod.GetProperty("volumes").EnumerateArray().Single(v => v.TryGetProperty("secret", out var s) && s.GetProperty("secretName").GetString() == secretName);
        var mount = pod.GetProperty("containers")[0].GetProperty("volumeMounts").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == volume.GetProperty("name").GetString());
        Assert.Equal(MountPath, mount.GetProperty("mountPath").GetString());
        Assert.True(mount.GetProperty("readOnly").GetBoolean());

        await Kubectl("wait", "--for=condition=Ready", $"md/{Model}", "-n", Ns, "--timeout=60s");
        var compliant = (await Kubectl("get", "md", Model, "-n", Ns, "-o", "yaml")).StdOut;
        Assert.Contains("sealedData:", compliant, StringComparison.Ordinal);
        Assert.Contains("phase: Compliant", compliant, StringComparison.Ordinal);

        // The paths that talk about the Secret: drift repair re-creates it (an event naming it) ...
        await Kubectl("delete", "secret", secretName!, "-n", Ns);
        await Eventually.ReturnsAsync(
            async () => (await client.CoreV1.ListNamespacedSecretAsync(Ns)).Items.Any(s => s.Metadata.Name == secretName),
            back => back, _ => $"{secretName} was not restored", TimeSpan.FromSeconds(30));
        // ... and a tampered value is an AIG-SEC-03 finding and a RolloutBlocked event, with the reason.
        await File.WriteAllTextAsync(manifest, TamperSealedValue(merged));
        await Kubectl("apply", "-f", manifest);
        await Kubectl("wait", "--for=jsonpath={.status.phase}=Blocked", $"md/{Model}", "-n", Ns, "--timeout=60s");
        var blocked = (await Kubectl("get", "md", Model, "-n", Ns, "-o", "yaml")).StdOut;
        Assert.Contains("control: AIG-SEC-03", blocked, StringComparison.Ordinal);
        Assert.Contains("does not open: tampered", blocked, StringComparison.Ordinal);

        // Everything the operator said: every Event in the cluster, the ModelDeployment, and every log line.
        var events = await Eventually.ReturnsAsync(
            () => EveryEventAsync(client),
            all => all.Any(e => e.Contains("DriftRepaired", StringComparison.Ordinal)) && all.Any(e => e.Contains("RolloutBlocked", StringComparison.Ordinal)),
            all => $"expected DriftRepaired and RolloutBlocked events; got {string.Join('\n', all)}", TimeSpan.FromSeconds(30));
        var allKubectlEvents = (await Kubectl("get", "events", "-A", "-o", "yaml")).StdOut;
        var logText = logs.Text();
        // The capture sees the operator itself, not just the web host.
        Assert.Contains("Published sealing certificate", logText, StringComparison.Ordinal);
        foreach (var (what, text) in new[]
                 {
                     ("operator logs", logText), ("events", string.Join('\n', events)), ("kubectl get events", allKubectlEvents),
                     ("kubectl get md -o yaml (compliant)", compliant), ("kubectl get md -o yaml (blocked)", blocked),
                 })
        {
            Assert.False(text.Contains(canary, StringComparison.Ordinal), $"{what} contain the plaintext");
            Assert.False(text.Contains(canaryBase64, StringComparison.Ordinal), $"{what} contain the plaintext in base64");
        }

        await host.StopAsync();
    }

    // A character inside the GCM tag of the one sealed value: it still parses, only authentication fails.
    private static string TamperSealedValue(string manifest)
    {
        var start = manifest.IndexOf("AGS1", StringComparison.Ordinal);
        var end = manifest.IndexOfAny(['\n', '\r', '"', '\''], start);
        var i = (end < 0 ? manifest.Length : end) - 6;
        return manifest[..i] + (manifest[i] == 'A' ? 'B' : 'A') + manifest[(i + 1)..];
    }

    private static async Task<SealRun> SealAsync(params string[] args)
    {
        var root = new RootCommand("aiguard") { SealCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await root.Parse(["seal", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new SealRun(exitCode, output.ToString(), error.ToString());
    }

    private static async Task<List<string>> EveryEventAsync(Kubernetes client)
    {
        var events = (await client.EventsV1.ListEventForAllNamespacesAsync()).Items.Select(e => KubernetesJson.Serialize(e)).ToList();
        try
        {
            events.AddRange((await client.CoreV1.ListEventForAllNamespacesAsync()).Items.Select(e => KubernetesJson.Serialize(e)));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // A server without core/v1 events has only the events.k8s.io ones, which are the same objects.
        }

        return events;
    }

    private sealed record SealRun(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>Every log event at every level, rendered with its exception and every property value.</summary>
    private sealed class CapturedLogs : ILogEventSink
    {
        private readonly List<string> _lines = [];

        public void Emit(LogEvent logEvent)
        {
            var line = new StringBuilder(logEvent.RenderMessage(CultureInfo.InvariantCulture));
            foreach (var (name, value) in logEvent.Properties)
            {
                line.Append(' ').Append(name).Append('=').Append(value.ToString());
            }

            if (logEvent.Exception is { } exception)
            {
                line.Append('\n').Append(exception);
            }

            lock (_lines)
            {
                _lines.Add(line.ToString());
            }
        }

        public string Text()
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }
}
