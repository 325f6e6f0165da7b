using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// ChurnDriver changes ModelDeployment specs at a steady rate (spec.owner, round robin over the fleet) and measures
/// each change's time to status: from sending the patch until the tracker sees status.observedGeneration reach
/// the generation the patch produced.
/// </summary>
internal sealed class ChurnDriver : IDisposable
{
    private const int InFlight = 32;
    private readonly BenchStack stack;
    private readonly int models;
    private readonly ConcurrentDictionary<(string, string), (long Generation, long Started)> pending = new();
    private readonly ConcurrentBag<double> latencies = [];
    private readonly HttpClient http;
    private long sent;
    private long failed;

    public ChurnDriver(BenchStack stack, int models)
    {
        this.stack = stack;
        this.models = models;
        http = stack.Sandbox.CreateHttpClient();
        stack.Models.Changed += Observe;
    }

    public long Sent => Interlocked.Read(ref sent);

    public long Failed => Interlocked.Read(ref failed);

    public int Pending => pending.Count;

    /// <summary>Change-to-status latencies in seconds of the changes that reached status so far.</summary>
    public IReadOnlyList<double> Latencies => [.. latencies.Order()];

    /// <summary>Sends <paramref name="rate"/> changes per second for <paramref name="duration"/> (or until cancelled).</summary>
    public async Task RunAsync(double rate, TimeSpan duration, CancellationToken cancellation = default)
    {
        using var gate = new SemaphoreSlim(InFlight);
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>();
        for (long k = 0; clock.Elapsed < duration && !cancellation.IsCancellationRequested; k++)
        {
            var due = TimeSpan.FromSeconds(k / rate);
            if (due > clock.Elapsed)
            {
                try
                {
                    await Task.Delay(due - clock.Elapsed, cancellation);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            await gate.WaitAsync(CancellationToken.None);
            var change = k;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    await ChangeAsync(change);
                }
                finally
                {
                    gate.Release();
                }
            }, CancellationToken.None));
            tasks.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(tasks);
    }

    /// <summary>Waits until every change sent has reached status; false at the limit.</summary>
    public async Task<bool> DrainAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!pending.IsEmpty)
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    public void Dispose()
    {
        stack.Models.Changed -= Observe;
        http.Dispose();
    }

    private async Task ChangeAsync(long change)
    {
        var i = (int)(change % models);
        var key = (BenchFleet.Namespace(i), BenchFleet.Name(i));
        var started = Stopwatch.GetTimestamp();
        // Registered before sending (generation unknown) so a status that beats the response is not missed.
        pending[key] = (long.MaxValue, started);
        var body = "{\"spec\":{\"owner\":\"ml-" + change.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@example.com\"}}";
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"{ModelState.Path.Replace("/modeldeployments", "", StringComparison.Ordinal)}/namespaces/{key.Item1}/modeldeployments/{key.Item2}", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/merge-patch+json"),
        };
        Interlocked.Increment(ref sent);
        try
        {
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
                pending.TryRemove(key, out _);
                return;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var generation = document.RootElement.GetProperty("metadata").GetProperty("generation").GetInt64();
            pending[key] = (generation, started);
            if (stack.Models.Objects.TryGetValue(key, out var now))
            {
                Observe(key, now);
            }
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref failed);
            pending.TryRemove(key, out _);
        }
    }

    private void Observe((string, string) key, ModelState? state)
    {
        if (state is not null && pending.TryGetValue(key, out var change) && state.ObservedGeneration >= change.Generation
            && pending.TryRemove(new KeyValuePair<(string, string), (long, long)>(key, change)))
        {
            latencies.Add(Stopwatch.GetElapsedTime(change.Started).TotalSeconds);
        }
    }
}
