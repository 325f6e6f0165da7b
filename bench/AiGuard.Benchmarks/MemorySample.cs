using System.Diagnostics;

namespace AiGuard.Benchmarks;

/// <summary>MemorySample is the managed heap after a full blocking GC and the process working set at one moment.</summary>
internal sealed record MemorySample(long Heap, long WorkingSet)
{
    public static MemorySample Take()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new MemorySample(heap, process.WorkingSet64);
    }

    public override string ToString() => $"heap {Mib(Heap)}, working set {Mib(WorkingSet)}";

    /// <summary>"heap +12.3 MiB (12.6 KiB/model), working set +40.1 MiB (41.1 KiB/model)".</summary>
    public string Growth(MemorySample from, int models) =>
        $"heap {Signed(Heap - from.Heap)} ({PerModel(Heap - from.Heap, models)}), working set {Signed(WorkingSet - from.WorkingSet)} ({PerModel(WorkingSet - from.WorkingSet, models)})";

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:F1} MiB";

    private static string Signed(long bytes) => (bytes >= 0 ? "+" : "-") + Mib(Math.Abs(bytes));

    private static string PerModel(long bytes, int models) => $"{bytes / (double)models / 1024.0:F1} KiB/model";
}
