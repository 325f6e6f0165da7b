namespace AiGuard.Operator.Reports;

/// <summary>
/// ReportContent is what one report says, independent of the flavour it is written as: its name, its scope (a
/// namespace, or null for the cluster-scoped report), the results it carries and the summary of all results. A
/// report is capped at a maximum number of results so it stays far below the API server's object size limit; when
/// results are left out, failures and errors are kept first, the summary still counts everything and
/// <see cref="Omitted"/> says how many are missing.
/// </summary>
public sealed record ReportContent
{
    private ReportContent(string? @namespace, string name, IReadOnlyList<ReportResult> results, ReportSummary summary, int omitted)
    {
        Namespace = @namespace;
        Name = name;
        Results = results;
        Summary = summary;
        Omitted = omitted;
    }

    /// <summary>The namespace of a namespaced report; null for the cluster-scoped one.</summary>
    public string? Namespace { get; }

    public string Name { get; }

    /// <summary>The results written, in the order they were given (at most the cap).</summary>
    public IReadOnlyList<ReportResult> Results { get; }

    /// <summary>Counts of every result, written or omitted.</summary>
    public ReportSummary Summary { get; }

    /// <summary>How many results the cap left out.</summary>
    public int Omitted { get; }

    public bool IsCluster => Namespace is null;

    /// <summary>A report of <paramref name="results"/>, keeping at most <paramref name="maxResults"/> of them.</summary>
    public static ReportContent Of(string? @namespace, string name, IReadOnlyList<ReportResult> results, int maxResults)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResults, 1);
        var summary = ReportSummary.Of(results);
        if (results.Count <= maxResults)
        {
            return new ReportContent(@namespace, name, results, summary, 0);
        }

        // Keep what needs attention first; then restore the given order so the report reads model by model and an
        // unchanged verdict yields the same report.
        var kept = results
            .Select((result, index) => (result, index))
            .OrderBy(r => Urgency(r.result.Result))
            .ThenBy(r => r.index)
            .Take(maxResults)
            .OrderBy(r => r.index)
            .Select(r => r.result)
            .ToList();
        return new ReportContent(@namespace, name, kept, summary, results.Count - kept.Count);
    }

    private static int Urgency(string result) => result switch
    {
        ReportResult.Fail => 0,
        ReportResult.Error => 1,
        ReportResult.Warn => 2,
        ReportResult.Skip => 3,
        _ => 4,
    };
}
