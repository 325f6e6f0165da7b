namespace AiGuard.Cli.Report;

/// <summary>NamespaceCompliance is one namespace's line of the report.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Models">ModelDeployments in it.</param>
/// <param name="Evaluated">Those with a score for their current generation.</param>
/// <param name="Compliant">Those in phase Compliant.</param>
/// <param name="AverageScore">Mean score of the evaluated models, rounded; null when none is evaluated.</param>
/// <param name="LowestScore">The worst model's score; null when none is evaluated.</param>
/// <param name="UnwaivedFindings">Unwaived findings by severity.</param>
/// <param name="WaivedFindings">Waived findings.</param>
public sealed record NamespaceCompliance(
    string Namespace,
    int Models,
    int Evaluated,
    int Compliant,
    int? AverageScore,
    int? LowestScore,
    SeverityCounts UnwaivedFindings,
    int WaivedFindings);
