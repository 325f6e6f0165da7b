namespace AiGuard.Operator.Reports;

/// <summary>PolicyReportOptions configures the PolicyReport / openreports Report writer; defaults are documented in place.</summary>
public sealed record PolicyReportOptions
{
    /// <summary>Write reports when their CRDs are served (default true). False never asks discovery and never writes.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// How often discovery is asked again which report CRDs are served (default 60 s), so CRDs installed (or removed)
    /// after the operator started are picked up without a restart.
    /// </summary>
    public TimeSpan DiscoveryInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Minimum time between two writes of one report (default 1 s). Changes arriving meanwhile are coalesced into the
    /// next write, so churn in a namespace costs at most one write per report per interval.
    /// </summary>
    public TimeSpan WriteInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most results one report carries (default 1,000: with 16 controls, 62 ModelDeployments). Beyond it failures and
    /// errors are kept first, the summary still counts every result and the annotation
    /// <c>aiguard.io/results-omitted</c> says how many were left out. 1,000 results are about 400 KB, well below
    /// etcd's 1.5 MiB object limit.
    /// </summary>
    public int MaxResults { get; init; } = 1000;

    /// <summary>Name of every report the operator writes (default <c>aiguard</c>).</summary>
    public string ReportName { get; init; } = "aiguard";

    /// <summary>How soon a report whose name a foreign object holds is looked at again (default 30 s).</summary>
    public TimeSpan ConflictRecheck { get; init; } = TimeSpan.FromSeconds(30);
}
