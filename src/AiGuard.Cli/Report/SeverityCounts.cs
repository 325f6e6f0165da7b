using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;

namespace AiGuard.Cli.Report;

/// <summary>SeverityCounts counts findings by severity.</summary>
public sealed record SeverityCounts(int Critical, int High, int Medium, int Low)
{
    /// <summary>All four together.</summary>
    public int Total => Critical + High + Medium + Low;

    /// <summary>Counts <paramref name="findings"/> by their severity; an unknown severity counts nowhere.</summary>
    public static SeverityCounts Of(IEnumerable<Finding> findings)
    {
        var list = findings.ToList();
        int Count(string severity) => list.Count(f => f.Severity == severity);
        return new SeverityCounts(Count(Severities.Critical), Count(Severities.High), Count(Severities.Medium), Count(Severities.Low));
    }

    /// <summary><c>1 critical, 2 high, 0 medium, 0 low</c>.</summary>
    public override string ToString() => $"{Critical} critical, {High} high, {Medium} medium, {Low} low";
}
