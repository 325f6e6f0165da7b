using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using AiGuard.Sandbox;
using k8s;
using k8s.Models;

namespace AiGuard.Benchmarks;

/// <summary>
/// SandboxBenchmark measures the in-memory API server end to end over HTTP with KubernetesClient in the same
/// process: sustained server-side-apply writes per second (1 client, then 8 concurrent clients) and watch
/// fan-out (events per second delivered to 10 watchers while 8 clients apply).
/// Options: [seconds per phase, default 5].
/// </summary>
internal static class SandboxBenchmark
{
    private const int Objects = 200;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var phase = TimeSpan.FromSeconds(seconds);
        await using var server = await SandboxServer.StartAsync(new SandboxOptions());
        Console.WriteLine($"sandbox at {server.BaseAddress} ({Environment.ProcessorCount} cores), {seconds:0.#} s per phase");

        await ApplyPhaseAsync(server, clients: 8, TimeSpan.FromSeconds(1), "warm-up");
        var (_, one) = await ApplyPhaseAsync(server, clients: 1, phase, "server-side apply, 1 client");
        var (_, eight) = await ApplyPhaseAsync(server, clients: 8, phase, "server-side apply, 8 concurrent clients");
        var fanOut = await FanOutPhaseAsync(server, watchers: 10, writers: 8, phase);

        Console.WriteLine();
        Console.WriteLine($"applies/s (1 client):   {one:F0}");
        Console.WriteLine($"applies/s (8 clients):  {eight:F0}   target >= 1000: {(eight >= 1000 ? "met" : "NOT met")}");
        Console.WriteLine($"watch events/s (10 watchers): {fanOut:F0}");
        return 0;
    }

    // Every apply changes data, so each one is a real write (new resourceVersion, one watch event).
    private static V1Patch ApplyBody(int writer, long n) => new(new V1ConfigMap
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta { Name = $"bench-{writer}-{n % Objects}", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["bench"] = "apply" } },
        Data = new Dictionary<string, string> { ["counter"] = n.ToString(CultureInfo.InvariantCulture), ["run"] = Guid.NewGuid().ToString(), ["payload"] = new string('x', 256) },
    }, V1Patch.PatchType.ApplyPatch);

    private static async Task<(long Count, double Rate)> ApplyPhaseAsync(SandboxServer server, int clients, TimeSpan duration, string label)
    {
        var kubernetes = Enumerable.Range(0, clients).Select(_ => server.CreateClient()).ToList();
        try
        {
            var total = 0L;
            var stop = Stopwatch.StartNew();
            var tasks = kubernetes.Select((client, writer) => Task.Run(async () =>
            {
                var n = 0L;
                while (stop.Elapsed < duration)
                {
                    var counter = n++;
                    await client.CoreV1.PatchNamespacedConfigMapAsync(ApplyBody(writer, counter), $"bench-{writer}-{counter % Objects}", "default", fieldManager: "bench", force: true);
                    Interlocked.Increment(ref total);
                }
            })).ToList();
            await Task.WhenAll(tasks);
            var rate = Interlocked.Read(ref total) / stop.Elapsed.TotalSeconds;
            Console.WriteLine($"{label}: {Interlocked.Read(ref total)} applies in {stop.Elapsed.TotalSeconds:F1} s = {rate:F0}/s");
            return (Interlocked.Read(ref total), rate);
        }
        finally
        {
            kubernetes.ForEach(k => k.Dispose());
        }
    }

    // Watchers read raw lines (no client-side deserialization) so the figure is the server's fan-out.
    private static async Task<double> FanOutPhaseAsync(SandboxServer server, int watchers, int writers, TimeSpan duration)
    {
        using var http = server.CreateHttpClient();
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var cancel = new CancellationTokenSource();
        var delivered = 0L;
        var list = await http.GetStringAsync("/api/v1/namespaces/default/configmaps?limit=1");
        var rv = System.Text.Json.JsonDocument.Parse(list).RootElement.GetProperty("metadata").GetProperty("resourceVersion").GetString();
        var readers = Enumerable.Range(0, watchers).Select(_ => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/default/configmaps?watch=1&resourceVersion={rv}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            try
            {
                while (await reader.ReadLineAsync(cancel.Token) is not null)
                {
                    Interlocked.Increment(ref delivered);
                }
            }
            catch (OperationCanceledException)
            {
                // End of the phase.
            }
        })).ToList();

        while (server.Metrics.Count("watch", "configmaps") < watchers)
        {
            await Task.Delay(10);
        }

        var start = Stopwatch.StartNew();
        var (writes, _) = await ApplyPhaseAsync(server, writers, duration, $"server-side apply while {watchers} watchers stream");
        var expected = writes * watchers;
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref delivered) < expected && drain.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        var elapsed = start.Elapsed.TotalSeconds;
        await cancel.CancelAsync();
        await Task.WhenAll(readers);
        var rate = Interlocked.Read(ref delivered) / elapsed;
        Console.WriteLine($"watch fan-out: {Interlocked.Read(ref delivered)} events to {watchers} watchers in {elapsed:F1} s = {rate:F0}/s");
        return rate;
    }
}
