using AiGuard.Api.Exceptions;
using AiGuard.Engine;
using AiGuard.Engine.Controls;

namespace AiGuard.Cli.Audit;

/// <summary>AuditReport is the outcome of one <c>aiguard audit</c> run, which every output format renders.</summary>
public sealed record AuditReport
{
    public required IReadOnlyList<AuditResult> Results { get; init; }

    public IReadOnlyList<SkippedDocument> Skipped { get; init; } = [];

    /// <summary>GuardPolicies and GuardExceptions of the audited inputs not applied because --policy was given.</summary>
    public IReadOnlyList<IgnoredDocument> Ignored { get; init; } = [];

    /// <summary>GuardExceptions of the inputs, to explain waivers (justification, approver, expiry).</summary>
    public IReadOnlyList<GuardException> Exceptions { get; init; } = [];

    /// <summary>The clock the evaluation used.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>The lowest severity that fails the run; null for <c>--fail-on none</c>.</summary>
    public string? FailOn { get; init; }

    /// <summary>Controls the engine cannot evaluate offline (cluster-only, or sealing without a key).</summary>
    public IReadOnlyList<ControlDefinition> SkippedControls { get; init; } = SkippedOffline(sealingKey: false);

    /// <summary>The controls an offline run skips: cluster-only ones, and sealing ones unless a key was given.</summary>
    public static IReadOnlyList<ControlDefinition> SkippedOffline(bool sealingKey) =>
        ControlCatalog.All.Where(c => c.Scope == ControlScope.ClusterOnly || (c.Scope == ControlScope.SealingKey && !sealingKey)).ToList();

    public AuditSummary Summary => AuditSummary.Of(Results);

    /// <summary>Unwaived findings at or above <see cref="FailOn"/>.</summary>
    public int FailingFindings => FailOn is null
        ? 0
        : Results.Sum(r => CompactFindings.Unwaived(r.Assessment.Findings, s => SeverityScale.AtLeast(s, FailOn)));

    /// <summary>The GuardException that waives a finding, if it is in the inputs.</summary>
    public GuardException? WaiverOf(AuditResult result, string? waivedBy) =>
        waivedBy is null ? null : Exceptions.FirstOrDefault(e =>
            e.Metadata.Name == waivedBy && (e.Metadata.NamespaceProperty ?? EvaluationDefaults.Namespace) == result.Namespace);
}
