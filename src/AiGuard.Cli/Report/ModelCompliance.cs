namespace AiGuard.Cli.Report;

/// <summary>ModelCompliance is one ModelDeployment's line of the report.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Phase">status.phase, or Pending before the operator has reported on the current generation.</param>
/// <param name="Score">status.complianceScore for the current generation, or null.</param>
/// <param name="Enforcement">The effective enforcement, if reported.</param>
/// <param name="Ready">The Ready condition is True.</param>
/// <param name="WorstSeverity">The most severe unwaived finding's severity, or null.</param>
/// <param name="UnwaivedFindings">Unwaived findings by severity.</param>
/// <param name="WaivedFindings">Waived findings.</param>
public sealed record ModelCompliance(
    string Namespace,
    string Name,
    string Phase,
    int? Score,
    string? Enforcement,
    bool Ready,
    string? WorstSeverity,
    SeverityCounts UnwaivedFindings,
    int WaivedFindings);
