using System.Globalization;
using System.Text;
using Prometheus;

namespace AiGuard.Benchmarks;

/// <summary>
/// ReconcileHistogram snapshots the operator's controller_runtime_reconcile_time_seconds histogram and
/// controller_runtime_reconcile_total counters from its Prometheus registry (as a scraper would), summed over the
/// controllers, so a phase's latency is the difference of two snapshots. Percentiles interpolate linearly inside a
/// bucket, like PromQL's histogram_quantile; the buckets are controller-runtime's (5 ms steps below 0.5 s).
/// </summary>
internal sealed record ReconcileHistogram(IReadOnlyList<(double UpperBound, double Count)> Buckets, double Sum, double Success, double Other)
{
    private const string Series = "controller_runtime_reconcile_time_seconds";
    private const string Results = "controller_runtime_reconcile_total{";

    public double Count => Buckets.Count == 0 ? 0 : Buckets[^1].Count;

    public static async Task<ReconcileHistogram> ReadAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var buckets = new SortedDictionary<double, double>();
        double sum = 0, success = 0, other = 0;
        foreach (var line in Encoding.UTF8.GetString(stream.ToArray()).Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.StartsWith('#') || space < 0)
            {
                continue;
            }

            var value = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            if (line.StartsWith(Series + "_bucket{", StringComparison.Ordinal))
            {
                var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
                var bound = line[le..line.IndexOf('"', le)];
                var upper = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
                buckets[upper] = buckets.GetValueOrDefault(upper) + value;
            }
            else if (line.StartsWith(Series + "_sum{", StringComparison.Ordinal))
            {
                sum += value;
            }
            else if (line.StartsWith(Results, StringComparison.Ordinal))
            {
                if (line.Contains("result=\"success\"", StringComparison.Ordinal))
                {
                    success += value;
                }
                else
                {
                    other += value;
                }
            }
        }

        return new ReconcileHistogram([.. buckets.Select(b => (b.Key, b.Value))], sum, success, other);
    }

    public ReconcileHistogram Since(ReconcileHistogram earlier) => new(
        [.. Buckets.Select((b, i) => (b.UpperBound, b.Count - (i < earlier.Buckets.Count ? earlier.Buckets[i].Count : 0)))],
        Sum - earlier.Sum, Success - earlier.Success, Other - earlier.Other);

    public double Quantile(double q)
    {
        var rank = q * Count;
        var (lower, below) = (0.0, 0.0);
        foreach (var (upper, cumulative) in Buckets)
        {
            if (cumulative >= rank && cumulative > below)
            {
                return double.IsPositiveInfinity(upper) ? lower : lower + ((upper - lower) * (rank - below) / (cumulative - below));
            }

            (lower, below) = (upper, cumulative);
        }

        return lower;
    }

    /// <summary>"1000 reconciles (0 failed/requeued), mean 2.1 ms, p50 1.6 ms, p90 3.9 ms, p99 7.7 ms".</summary>
    public string Describe() => Count == 0
        ? "0 reconciles"
        : string.Create(CultureInfo.InvariantCulture,
            $"{Count:0} reconciles ({Other:0} not success), mean {Sum / Count * 1000:F1} ms, p50 {Quantile(0.5) * 1000:F1} ms, p90 {Quantile(0.9) * 1000:F1} ms, p99 {Quantile(0.99) * 1000:F1} ms");
}
