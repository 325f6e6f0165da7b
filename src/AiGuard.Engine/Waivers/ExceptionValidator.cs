using AiGuard.Api.Exceptions;

namespace AiGuard.Engine.Waivers;

/// <summary>
/// ExceptionValidator checks a GuardException the way the CRD schema does, plus the 90-day limit. An invalid
/// exception waives nothing, so that a waiver that slipped past admission (or sits in an offline file) cannot widen
/// anything.
/// </summary>
public static class ExceptionValidator
{
    /// <summary>Every problem of the exception; empty when it is valid.</summary>
    public static IReadOnlyList<SpecError> Validate(GuardException exception)
    {
        var errors = new List<SpecError>();
        var spec = exception?.Spec;
        if (spec is null)
        {
            errors.Add(new SpecError("spec", "a GuardException needs a spec"));
            return errors;
        }

        if (spec.ModelDeployments is null || spec.ModelDeployments.Count == 0)
        {
            errors.Add(new SpecError("spec.modelDeployments", "name at least one ModelDeployment, or \"*\""));
        }

        if (spec.Controls is null || spec.Controls.Count == 0)
        {
            errors.Add(new SpecError("spec.controls", "an exception must name at least one control"));
        }
        else
        {
            for (var i = 0; i < spec.Controls.Count; i++)
            {
                if (spec.Controls[i] == "*")
                {
                    errors.Add(new SpecError($"spec.controls[{i}]", "\"*\" is not allowed: name each control to waive, e.g. AIG-IMG-03"));
                }
                else if (spec.Controls[i] is null || !ControlIdFormat.IsMatch(spec.Controls[i]))
                {
                    errors.Add(new SpecError($"spec.controls[{i}]", $"'{spec.Controls[i]}' is not a control id such as AIG-NET-01"));
                }
            }
        }

        if (string.IsNullOrWhiteSpace(spec.Justification) || spec.Justification.Trim().Length < GuardExceptionSpec.MinimumJustificationLength)
        {
            errors.Add(new SpecError("spec.justification", $"a justification of at least {GuardExceptionSpec.MinimumJustificationLength} characters is required"));
        }

        if (string.IsNullOrWhiteSpace(spec.ApprovedBy))
        {
            errors.Add(new SpecError("spec.approvedBy", "name who approved the exception"));
        }

        var expiresAt = Timestamps.ToUtc(spec.ExpiresAt);
        var createdAt = Timestamps.ToUtc(exception!.Metadata?.CreationTimestamp);
        if (expiresAt is null)
        {
            errors.Add(new SpecError("spec.expiresAt", "an expiry time is required (RFC 3339, at most 90 days after creation)"));
        }
        else if (createdAt is not null && expiresAt.Value - createdAt.Value > GuardExceptionSpec.MaximumLifetime)
        {
            errors.Add(new SpecError("spec.expiresAt", $"expiresAt {expiresAt.Value:O} is more than {GuardExceptionSpec.MaximumLifetime.TotalDays:0} days after creation ({createdAt.Value:O})"));
        }

        return errors;
    }

    /// <summary>True when the exception is valid and <paramref name="now"/> is before its expiry.</summary>
    public static bool IsActive(GuardException exception, DateTimeOffset now) =>
        exception is not null
        && Timestamps.ToUtc(exception.Spec?.ExpiresAt) is { } expiresAt
        && now < expiresAt
        && Validate(exception).Count == 0;
}
