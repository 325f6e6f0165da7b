namespace AiGuard.Cli.Report;

/// <summary>ReportTotals counts the whole scope of a report.</summary>
/// <param name="Models">ModelDeployments in scope.</param>
/// <param name="Evaluated">Those with a compliance score for their current generation.</param>
/// <param name="Compliant">Those in phase Compliant.</param>
/// <param name="NotCompliant">Evaluated models in any other phase.</param>
/// <param name="NotEvaluated">Models without a score for their current generation: no status yet (Pending), or an Error before scoring.</param>
/// <param name="AverageScore">The mean score of the evaluated models, rounded; null when none is evaluated.</param>
/// <param name="UnwaivedFindings">Unwaived findings of the evaluated models by severity.</param>
/// <param name="WaivedFindings">Waived findings of the evaluated models.</param>
/// <param name="ExpiringExceptions">GuardExceptions ending within the window.</param>
/// <param name="UnmanagedWorkloads">Inference workloads no ModelDeployment controls.</param>
public sealed record ReportTotals(
    int Models,
    int Evaluated,
    int Compliant,
    int NotCompliant,
    int NotEvaluated,
    int? AverageScore,
    SeverityCounts UnwaivedFindings,
    int WaivedFindings,
    int ExpiringExceptions,
    int UnmanagedWorkloads);
