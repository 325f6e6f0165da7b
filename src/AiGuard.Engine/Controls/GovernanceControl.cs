using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-GOV-01: someone is accountable for the model and its EU AI Act risk tier is stated; a high-risk model must
/// run under Enforce. Owner and risk level are required unless every applicable policy waives the requirement.
/// </summary>
internal sealed class GovernanceControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.Governance,
        ConditionTypes.Governed,
        Severities.Medium,
        "The model has an owner and a risk level",
        "set spec.owner and spec.riskLevel (minimal, limited or high); a high-risk model must run with enforcement Enforce",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var spec = context.Spec;
        var violations = new List<Violation>();
        if (string.IsNullOrWhiteSpace(spec.Owner) && Requiring(context, g => g.RequireOwner) is var (ownerRequired, ownerPolicy) && ownerRequired)
        {
            violations.Add(new Violation("spec.owner is empty: no person or team is accountable for the model", ownerPolicy, "set spec.owner to the accountable person or team"));
        }

        if (string.IsNullOrWhiteSpace(spec.RiskLevel) && Requiring(context, g => g.RequireRiskLevel) is var (riskRequired, riskPolicy) && riskRequired)
        {
            violations.Add(new Violation("spec.riskLevel is missing: the EU AI Act risk tier is not stated", riskPolicy, "set spec.riskLevel to minimal, limited or high"));
        }

        if (spec.RiskLevel == RiskLevels.High && context.Enforcement == EnforcementModes.Audit)
        {
            violations.Add(new Violation("spec.riskLevel is high but the effective enforcement is Audit: a high-risk model must be enforced", Remediation: "set spec.enforcement to Enforce (or remove it; Enforce is the default)"));
        }

        return violations;
    }

    // Required when no policy constrains the control (the defaults require it) or any constraining policy does
    // (a policy requires it unless it says false). The named policy is the first that says true explicitly.
    private (bool Required, string? Policy) Requiring(EvaluationContext context, Func<GovernancePolicy, bool?> flag)
    {
        var constraining = context.Policies.Constraining(Definition.Id);
        var required = constraining.Count == 0 || constraining.Any(p => p.Spec?.Governance is not { } g || flag(g) != false);
        var explicitPolicy = constraining.FirstOrDefault(p => p.Spec?.Governance is { } g && flag(g) == true);
        return (required, explicitPolicy is null ? null : ApplicablePolicies.NameOf(explicitPolicy));
    }
}
