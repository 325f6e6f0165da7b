using System.Globalization;

namespace AiGuard.Operator.Hosting;

/// <summary>MetricsExposition reads the Prometheus text format the <c>/metrics</c> endpoint serves (for the demo's summary).</summary>
public static class MetricsExposition
{
    /// <summary>The sum of every sample of <paramref name="family"/> over all its label values (0 when absent).</summary>
    public static double Sum(string exposition, string family)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        ArgumentException.ThrowIfNullOrEmpty(family);
        double sum = 0;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(family, StringComparison.Ordinal) && line.Length > family.Length && line[family.Length] is '{' or ' '
                && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                sum += value;
            }
        }

        return sum;
    }
}
