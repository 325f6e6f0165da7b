using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Images;
using AiGuard.Engine.Policies;
using AiGuard.Engine.Validation;
using AiGuard.Engine.Waivers;

namespace AiGuard.Engine;

/// <summary>
/// Evaluator judges one ModelDeployment against the control catalog, the applicable GuardPolicies and the active
/// GuardExceptions. It is pure: no I/O and no clock of its own, so the operator and <c>aiguard audit</c> reach the
/// same verdict for the same inputs.
/// </summary>
public static class Evaluator
{
    /// <summary>How many findings the status shows (most severe first); the assessment itself keeps them all.</summary>
    public const int StatusFindingLimit = 50;

    /// <summary>Evaluates <paramref name="input"/>; never throws for any ModelDeployment, however malformed.</summary>
    public static Assessment Evaluate(EvaluationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var model = input.Model;
        var @namespace = model?.Metadata?.NamespaceProperty ?? EvaluationDefaults.Namespace;
        var policies = new ApplicablePolicies(PolicySelector.Select(input.Policies, input.NamespaceLabels));
        var enforcement = policies.EnforcementFor(model?.Spec?.Enforcement);
        var annotationReason = QuarantineAnnotation(model);
        var requestedImage = model?.Spec?.Serving?.Image;

        var specErrors = ModelDeploymentValidator.Validate(model);
        if (specErrors.Count > 0)
        {
            // Nothing is judged on an invalid spec; a quarantine annotation still isolates the model.
            return new Assessment
            {
                SpecErrors = specErrors,
                Enforcement = enforcement,
                BlockAt = policies.BlockAt,
                AppliedPolicies = policies.Names,
                Score = 0,
                QuarantineReason = annotationReason,
                Phase = Phases.Error,
                Image = new ImageStatus { Requested = requestedImage, Effective = requestedImage },
            };
        }

        var image = ImagePatcher.Resolve(ImageReference.Parse(model!.Spec.Serving.Image), model.Spec.Updates?.Patch, policies, input.Vulnerabilities);
        var context = new EvaluationContext(model, @namespace, policies, enforcement, image, input);
        var exceptions = ActiveExceptions.For(input.Exceptions, @namespace, model.Metadata.Name, input.Now);
        var (results, findings) = RunControls(context, exceptions);

        var blockAt = policies.BlockAt;
        var blocked = enforcement == EnforcementModes.Enforce
            && findings.Any(f => !f.Waived && SeverityScale.AtLeast(f.Severity, blockAt));
        var quarantineReason = annotationReason ?? IncidentResponse(policies, enforcement, findings);
        return new Assessment
        {
            Enforcement = enforcement,
            BlockAt = blockAt,
            AppliedPolicies = policies.Names,
            Findings = findings,
            Results = results,
            Score = ComplianceScore.Of(results),
            Blocked = blocked,
            QuarantineReason = quarantineReason,
            Phase = quarantineReason is not null ? Phases.Quarantined
                : blocked ? Phases.Blocked
                : findings.Any(f => !f.Waived) ? Phases.NonCompliant
                : Phases.Compliant,
            Image = new ImageStatus
            {
                Requested = image.Requested.ToString(),
                Effective = image.Effective.ToString(),
                PatchedFrom = image.Patched ? image.Requested.ToString() : null,
            },
            SealingKeys = context.SealedValues
                .Select(v => v.Verdict.KeyId)
                .OfType<string>()
                .Where(k => k.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList(),
            NextChangeAt = exceptions.EarliestExpiry,
        };
    }

    private static (IReadOnlyList<ControlResult> Results, IReadOnlyList<Finding> Findings) RunControls(
        EvaluationContext context, ActiveExceptions exceptions)
    {
        var results = new List<ControlResult>();
        var findings = new List<Finding>();
        foreach (var control in ControlCatalog.Controls)
        {
            var definition = control.Definition;
            if (context.Policies.Disables(definition.Id) || control.Evaluate(context) is not { } violations)
            {
                continue;
            }

            var severity = context.Policies.SeverityOf(definition);
            var waivedBy = violations.Count > 0 ? exceptions.WaiverFor(definition.Id) : null;
            var refusal = waivedBy is not null ? WaiverRefusal(context.Policies, definition.Id, waivedBy) : null;
            if (refusal is not null)
            {
                waivedBy = null;
            }

            results.Add(new ControlResult(definition.Id, definition.Area, severity, violations.Count == 0 || waivedBy is not null));
            findings.AddRange(violations.Distinct().Select(v => new Finding
            {
                Control = definition.Id,
                Severity = severity,
                Message = v.Message + refusal,
                Remediation = v.Remediation ?? definition.Remediation,
                Policy = v.Policy,
                Waived = waivedBy is not null,
                WaivedBy = waivedBy,
            }));
        }

        // Stable sort: within one control, findings keep the order of the spec fields they name.
        var sorted = findings
            .OrderByDescending(f => SeverityScale.Rank(f.Severity))
            .ThenBy(f => f.Control, StringComparer.Ordinal)
            .ToList();
        return (results, sorted);
    }

    // A policy's exceptions.nonWaivable overrides any GuardException: say so in the finding, or the user would
    // wonder why the exception they wrote has no effect.
    private static string? WaiverRefusal(ApplicablePolicies policies, string controlId, string exception) =>
        policies.ForbiddingWaiverOf(controlId) is { } policy
            ? $" (GuardException {exception} cannot waive {controlId}: policy {policy} lists it in exceptions.nonWaivable)"
            : null;

    private static string? QuarantineAnnotation(ModelDeployment? model) =>
        model?.Metadata?.Annotations is { } annotations
        && annotations.TryGetValue(ApiGroup.QuarantineAnnotation, out var reason)
        && !string.IsNullOrWhiteSpace(reason)
            ? reason.Trim()
            : null;

    private static string? IncidentResponse(ApplicablePolicies policies, string enforcement, IReadOnlyList<Finding> findings)
    {
        if (enforcement != EnforcementModes.Enforce)
        {
            return null;
        }

        var policy = policies.All.FirstOrDefault(p => p.Spec?.IncidentResponse?.OnCritical == IncidentResponsePolicy.Quarantine);
        var critical = findings.FirstOrDefault(f => !f.Waived && f.Severity == Severities.Critical);
        return policy is not null && critical is not null
            ? $"incident response of policy {ApplicablePolicies.NameOf(policy)}: unwaived critical finding {critical.Control}: {critical.Message}"
            : null;
    }
}
