using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;

namespace AiGuard.Engine.Policies;

/// <summary>
/// ApplicablePolicies answers "what do the policies that apply to this namespace require?" with strictest-wins
/// semantics: each policy is a separate constraint, a relaxation holds only when every policy that keeps the control
/// enabled relaxes it, and a control is skipped only when every applicable policy disables it.
/// </summary>
internal sealed class ApplicablePolicies(IReadOnlyList<GuardPolicy> policies)
{
    // Controls ask several times per evaluation; an assessment is built on one thread.
    private readonly Dictionary<string, IReadOnlyList<GuardPolicy>> constraining = new(StringComparer.Ordinal);

    /// <summary>The applicable policies, sorted by name.</summary>
    public IReadOnlyList<GuardPolicy> All { get; } = policies;

    public IReadOnlyList<string> Names => All.Select(NameOf).ToList();

    public static string NameOf(GuardPolicy policy) => policy.Metadata?.Name ?? "";

    /// <summary>
    /// The policies whose rules count for <paramref name="controlId"/>: those that do not disable it. A policy that
    /// disables a control also does not constrain it with its own lists.
    /// </summary>
    public IReadOnlyList<GuardPolicy> Constraining(string controlId)
    {
        if (!constraining.TryGetValue(controlId, out var list))
        {
            list = All.Where(p => Override(p, controlId)?.Disabled != true).ToList();
            constraining[controlId] = list;
        }

        return list;
    }

    /// <summary>
    /// The first applicable policy (by name) that lists <paramref name="controlId"/> in exceptions.nonWaivable, or
    /// null. Every applicable policy counts, also one that disables the control: the list limits exceptions, not checks.
    /// </summary>
    public string? ForbiddingWaiverOf(string controlId) =>
        All.FirstOrDefault(p => p.Spec?.Exceptions?.NonWaivable is { } ids && ids.Contains(controlId)) is { } policy ? NameOf(policy) : null;

    /// <summary>True when at least one policy applies and every one of them disables the control.</summary>
    public bool Disables(string controlId) => All.Count > 0 && Constraining(controlId).Count == 0;

    /// <summary>The strictest severity among the constraining policies' overrides and the catalog default.</summary>
    public string SeverityOf(ControlDefinition control)
    {
        var constraining = Constraining(control.Id);
        if (constraining.Count == 0)
        {
            return control.DefaultSeverity;
        }

        // Each policy without an override keeps the default, so the default competes unless every policy overrides.
        return constraining
            .Select(p => Override(p, control.Id)?.Severity is { } s && SeverityScale.IsKnown(s) ? s : control.DefaultSeverity)
            .Aggregate(SeverityScale.Max);
    }

    /// <summary>
    /// True when a relaxation holds: at least one policy constrains the control and every constraining policy sets
    /// the relaxing flag. With no policy the secure default (not relaxed) holds.
    /// </summary>
    public bool AllRelax(string controlId, Func<GuardPolicySpec, bool?> flag)
    {
        var constraining = Constraining(controlId);
        return constraining.Count > 0 && constraining.All(p => p.Spec is { } spec && flag(spec) == true);
    }

    /// <summary>
    /// The policy to name when a relaxation does not hold: the first constraining policy that explicitly sets the
    /// flag to false. Null when the refusal comes only from defaults (no policy says it), which is the catalog's rule.
    /// </summary>
    public string? Refusing(string controlId, Func<GuardPolicySpec, bool?> flag) =>
        Constraining(controlId).FirstOrDefault(p => p.Spec is { } spec && flag(spec) == false) is { } policy ? NameOf(policy) : null;

    /// <summary>Enforce when the model says Enforce (its default) or any applicable policy says Enforce.</summary>
    public string EnforcementFor(string? modelEnforcement) =>
        modelEnforcement != EnforcementModes.Audit || All.Any(p => p.Spec?.Enforcement == EnforcementModes.Enforce)
            ? EnforcementModes.Enforce
            : EnforcementModes.Audit;

    /// <summary>The lowest blockAt among applicable Enforce policies; high when none sets one.</summary>
    public string BlockAt
    {
        get
        {
            var levels = All.Where(p => p.Spec?.Enforcement == EnforcementModes.Enforce)
                .Select(p => SeverityScale.IsKnown(p.Spec.BlockAt) ? p.Spec.BlockAt! : GuardPolicySpec.DefaultBlockAt)
                .ToList();
            return levels.Count == 0 ? GuardPolicySpec.DefaultBlockAt : levels.Aggregate(SeverityScale.Min);
        }
    }

    private static ControlOverride? Override(GuardPolicy policy, string controlId) =>
        policy.Spec?.Controls is { } overrides && overrides.TryGetValue(controlId, out var value) ? value : null;
}
