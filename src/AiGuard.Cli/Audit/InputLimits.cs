namespace AiGuard.Cli.Audit;

/// <summary>
/// InputLimits caps how much <c>aiguard audit</c> reads, so that a huge or endless input (a mistaken path, a
/// generated file, <c>/dev/zero</c>) fails with a clear message instead of exhausting memory. No Kubernetes object
/// exceeds about 1.5 MiB (the API server's request limit), so the caps are far above any real repository.
/// </summary>
public static class InputLimits
{
    /// <summary>The largest single input file (or standard input): 16 MiB.</summary>
    public const long PerFileBytes = 16L * 1024 * 1024;

    /// <summary>The most all inputs together may hold (audited paths and --policy paths): 64 MiB.</summary>
    public const long TotalBytes = 64L * 1024 * 1024;

    /// <summary>A size in MiB for messages, e.g. <c>16 MiB</c>.</summary>
    public static string Describe(long bytes) => bytes % (1024 * 1024) == 0
        ? $"{bytes / (1024 * 1024)} MiB"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB");
}
