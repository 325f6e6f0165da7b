using AiGuard.Api.ModelDeployments;

namespace AiGuard.Cli.Demo;

/// <summary>One ModelDeployment as the demo reports it.</summary>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Name">Its name.</param>
/// <param name="Phase">status.phase, or "Pending" before the operator has reported one for the current generation.</param>
/// <param name="Score">status.complianceScore, if reported.</param>
/// <param name="Findings">Unwaived findings, most severe first.</param>
/// <param name="Waived">Waived findings.</param>
/// <param name="Ready">The Ready condition's status.</param>
public sealed record ModelRow(string Namespace, string Name, string Phase, int? Score, IReadOnlyList<Finding> Findings, IReadOnlyList<Finding> Waived, bool Ready)
{
    /// <summary>The phase shown before the operator has written a status for the current generation.</summary>
    public const string Pending = "Pending";

    /// <summary>Reads the row from a stored ModelDeployment.</summary>
    public static ModelRow From(ModelDeployment model)
    {
        var status = model.Status;
        var current = status is not null && status.ObservedGeneration == model.Metadata.Generation;
        var findings = status?.Findings ?? [];
        return new ModelRow(
            model.Metadata.NamespaceProperty ?? "",
            model.Metadata.Name,
            current && status!.Phase is { Length: > 0 } phase ? phase : Pending,
            current ? status!.ComplianceScore : null,
            findings.Where(f => !f.Waived).ToList(),
            findings.Where(f => f.Waived).ToList(),
            status?.Conditions?.Any(c => c.Type == ConditionTypes.Ready && c.Status == "True") ?? false);
    }
}
