namespace AiGuard.Api.ModelDeployments;

/// <summary>EnforcementModes are the values of <c>spec.enforcement</c> on ModelDeployments and GuardPolicies.</summary>
public static class EnforcementModes
{
    public const string Enforce = "Enforce";
    public const string Audit = "Audit";
}
