using System.Globalization;

namespace AiGuard.Cli.Report;

/// <summary>ReportText formats the report's values the same way in the table, Markdown and HTML.</summary>
public static class ReportText
{
    /// <summary>A score, or "-" when the model or namespace is not evaluated.</summary>
    public static string Score(int? score) => score?.ToString(CultureInfo.InvariantCulture) ?? "-";

    /// <summary>A number for a <c>data-value</c> attribute: invariant digits, or "" for none.</summary>
    public static string DataValue(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>An integer in invariant digits.</summary>
    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A time as RFC 3339 UTC to the second: 2026-12-09T10:00:00Z.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"1 ModelDeployment", "3 ModelDeployments".</summary>
    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{Number(count)} {noun}s";

    /// <summary>The summary sentence every format opens with.</summary>
    public static string Summary(ReportTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var average = totals.AverageScore is { } score ? $"average score {Number(score)}" : "no score yet";
        return $"{Plural(totals.Models, "ModelDeployment")}: {Number(totals.Evaluated)} evaluated ({Number(totals.Compliant)} compliant, "
            + $"{Number(totals.NotCompliant)} not compliant), {Number(totals.NotEvaluated)} not evaluated yet; {average}. "
            + $"Unwaived findings: {totals.UnwaivedFindings}; {Number(totals.WaivedFindings)} waived.";
    }

    /// <summary>The heading of the unmanaged workloads section in every format.</summary>
    public const string UnmanagedTitle = "Unmanaged AI workloads (no ModelDeployment controls them)";

    /// <summary>"deployment/ml-prod/vllm": kind in lower case as kubectl names it, then namespace and name.</summary>
    public static string Workload(AiGuard.Engine.Inventory.UnmanagedWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return $"{workload.Kind.ToLowerInvariant()}/{workload.Namespace}/{workload.Name}";
    }

    /// <summary>The one line that opens <c>--unmanaged</c> output.</summary>
    public static string UnmanagedSummary(int count) =>
        count == 0
            ? "No workload runs a known inference server or asks for GPUs outside a ModelDeployment."
            : $"{Plural(count, "workload")} {(count == 1 ? "runs" : "run")} an inference server or {(count == 1 ? "asks" : "ask")} for GPUs with no ModelDeployment guarding {(count == 1 ? "it" : "them")}: declare {(count == 1 ? "it" : "each")} as a ModelDeployment (aiguard adopt) or remove {(count == 1 ? "it" : "them")}.";

    /// <summary>A model's unwaived finding counts, most severe first, skipping zeros: "1 critical, 2 medium" or "none".</summary>
    public static string Counts(SeverityCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var parts = new[] { (counts.Critical, "critical"), (counts.High, "high"), (counts.Medium, "medium"), (counts.Low, "low") }
            .Where(p => p.Item1 > 0).Select(p => $"{Number(p.Item1)} {p.Item2}").ToList();
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
