using System.Globalization;
using Prometheus;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>Reads one sample from a registry through its Prometheus text exposition, as a scraper would.</summary>
internal static class MetricText
{
    public static async Task<double?> ValueAsync(CollectorRegistry registry, string series)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
