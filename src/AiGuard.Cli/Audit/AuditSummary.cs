using AiGuard.Api.Policies;

namespace AiGuard.Cli.Audit;

/// <summary>AuditSummary counts resources and unwaived findings by severity.</summary>
public sealed record AuditSummary(int Resources, int Compliant, int NonCompliant, int Critical, int High, int Medium, int Low)
{
    public static AuditSummary Of(IReadOnlyList<AuditResult> results)
    {
        // Counted in place: listing the findings would build every result's messages at once.
        int Count(string severity) => results.Sum(r => CompactFindings.Unwaived(r.Assessment.Findings, s => s == severity));
        var compliant = results.Count(r => r.Compliant);
        return new AuditSummary(results.Count, compliant, results.Count - compliant,
            Count(Severities.Critical), Count(Severities.High), Count(Severities.Medium), Count(Severities.Low));
    }

    /// <summary><c>1 critical, 2 high, 0 medium, 0 low</c>.</summary>
    public string FindingCounts => $"{Critical} critical, {High} high, {Medium} medium, {Low} low";
}
