using AiGuard.Api.ModelDeployments;

namespace AiGuard.Engine;

/// <summary>
/// Assessment is the engine's verdict on one ModelDeployment: the same object whether it came from the operator or
/// from <c>aiguard audit</c>.
/// </summary>
public sealed record Assessment
{
    /// <summary>Spec errors the CRD's CEL rules would also reject; when non-empty nothing else is evaluated and Phase is Error.</summary>
    public IReadOnlyList<SpecError> SpecErrors { get; init; } = [];

    /// <summary>Effective enforcement: Enforce or Audit.</summary>
    public string Enforcement { get; init; } = EnforcementModes.Enforce;

    /// <summary>Lowest blocking severity of the applicable Enforce policies (default high).</summary>
    public string BlockAt { get; init; } = "high";

    /// <summary>Names of the GuardPolicies that apply, sorted.</summary>
    public IReadOnlyList<string> AppliedPolicies { get; init; } = [];

    /// <summary>Every failing or waived control, most severe first (not capped; the status caps at 50).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>Pass/fail per evaluated control (skipped controls are absent), used for area conditions and the score.</summary>
    public IReadOnlyList<ControlResult> Results { get; init; } = [];

    /// <summary>0-100 severity-weighted share of passing (or waived) evaluated controls.</summary>
    public int Score { get; init; } = 100;

    /// <summary>True when under Enforce an unwaived finding at or above BlockAt exists: do not roll out.</summary>
    public bool Blocked { get; init; }

    /// <summary>Why the model is isolated (annotation reason or incident response), or null.</summary>
    public string? QuarantineReason { get; init; }

    public bool Quarantined => QuarantineReason is not null;

    /// <summary>Quarantined, Blocked, NonCompliant, Compliant or Error; the operator may show Progressing instead of Compliant.</summary>
    public string Phase { get; init; } = Phases.Compliant;

    /// <summary>Requested and effective image (after an automatic patch).</summary>
    public ImageStatus Image { get; init; } = new();

    /// <summary>Ids of the keys that sealed spec.secrets (empty when not verified).</summary>
    public IReadOnlyList<string> SealingKeys { get; init; } = [];

    /// <summary>When the verdict can next change by the clock alone (an active exception expiring), or null.</summary>
    public DateTimeOffset? NextChangeAt { get; init; }

    /// <summary>
    /// True when the spec is valid and <paramref name="control"/> has no unwaived finding (a control that was skipped
    /// or disabled has none). The planner gives a grant only while the control guarding it is clear, in either mode.
    /// </summary>
    public bool IsClear(string control) => SpecErrors.Count == 0 && !Findings.Any(f => f.Control == control && !f.Waived);

    /// <summary>True when no unwaived finding remains.</summary>
    public bool Compliant => Findings.All(f => f.Waived);
}
