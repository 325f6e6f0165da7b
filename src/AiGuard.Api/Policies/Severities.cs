namespace AiGuard.Api.Policies;

/// <summary>Severities of controls, from most to least severe.</summary>
public static class Severities
{
    public const string Critical = "critical";
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";
}
