namespace AiGuard.Api.ModelDeployments;

/// <summary>RiskLevels are the EU AI Act tiers accepted by <c>spec.riskLevel</c>.</summary>
public static class RiskLevels
{
    public const string Minimal = "minimal";
    public const string Limited = "limited";
    public const string High = "high";

    /// <summary>Listed in the schema so that the CEL rule, not a bare enum error, explains why it is refused.</summary>
    public const string Unacceptable = "unacceptable";
}
