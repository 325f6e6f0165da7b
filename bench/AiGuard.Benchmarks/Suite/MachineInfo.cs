using System.Globalization;
using System.Runtime.InteropServices;

namespace AiGuard.Benchmarks.Suite;

/// <summary>The machine a run measured on: cores, memory, runtime, OS and the load average (others' work shows there).</summary>
internal sealed record MachineInfo(int Cores, double MemoryGib, string Runtime, string Os, string LoadAverage)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        TotalMemoryGib(),
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        LoadAverageNow());

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg ("0.91 2.19 4.00").</summary>
    public static string LoadAverageNow()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Cores} cores, {MemoryGib:F1} GiB RAM, {Runtime}, {Os}, load average {LoadAverage}");

    private static double TotalMemoryGib()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
        {
            return 0;
        }
    }
}
