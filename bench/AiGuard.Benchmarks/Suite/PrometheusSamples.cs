using System.Globalization;
using AiGuard.Sandbox.Metrics;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// PrometheusSamples are the samples of one scrape of a text-format /metrics page (the sandbox's or an operator's):
/// series name, labels and value, enough to sum counters and read gauges by label.
/// </summary>
internal sealed class PrometheusSamples(IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> samples)
{
    public static PrometheusSamples Parse(string text)
    {
        var parsed = new List<(string, IReadOnlyDictionary<string, string>, double)>();
        foreach (var line in text.Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.Length == 0 || line.StartsWith('#') || space < 0
                || !double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var series = line[..space];
            var brace = series.IndexOf('{', StringComparison.Ordinal);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (brace >= 0)
            {
                // Label values here never hold '",' (resource names, verbs, codes), so a split on it is exact enough.
                foreach (var pair in series[(brace + 1)..^1].Split("\",", StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    labels[pair[..equals]] = pair[(equals + 1)..].Trim('"');
                }
            }

            parsed.Add((brace >= 0 ? series[..brace] : series, labels, value));
        }

        return new PrometheusSamples(parsed);
    }

    public double Sum(string name, Func<IReadOnlyDictionary<string, string>, bool>? where = null) =>
        samples.Where(s => s.Name == name && (where is null || where(s.Labels))).Sum(s => s.Value);

    /// <summary>The sandbox's apiserver_request_total as the counters <see cref="RequestTally"/> reads.</summary>
    public IReadOnlyDictionary<RequestKey, long> ApiserverRequests() => samples
        .Where(s => s.Name == "apiserver_request_total")
        .GroupBy(s => new RequestKey(s.Labels["verb"], s.Labels["resource"], s.Labels.GetValueOrDefault("subresource", ""),
            int.Parse(s.Labels["code"], CultureInfo.InvariantCulture)))
        .ToDictionary(g => g.Key, g => (long)g.Sum(s => s.Value));
}
