using AiGuard.Api.Policies;

namespace AiGuard.Engine;

/// <summary>SeverityScale orders severities (critical &gt; high &gt; medium &gt; low) and gives their score weights.</summary>
public static class SeverityScale
{
    /// <summary>Most severe first.</summary>
    public static IReadOnlyList<string> All { get; } = [Severities.Critical, Severities.High, Severities.Medium, Severities.Low];

    /// <summary>4 for critical down to 1 for low; 0 for an unknown value.</summary>
    public static int Rank(string? severity) => severity switch
    {
        Severities.Critical => 4,
        Severities.High => 3,
        Severities.Medium => 2,
        Severities.Low => 1,
        _ => 0,
    };

    /// <summary>Score weight: critical 10, high 5, medium 3, low 1.</summary>
    public static int Weight(string? severity) => severity switch
    {
        Severities.Critical => 10,
        Severities.High => 5,
        Severities.Medium => 3,
        Severities.Low => 1,
        _ => 0,
    };

    /// <summary>True for one of the four known severities.</summary>
    public static bool IsKnown(string? severity) => Rank(severity) > 0;

    /// <summary>True when <paramref name="severity"/> is at least as severe as <paramref name="threshold"/>.</summary>
    public static bool AtLeast(string? severity, string threshold) => Rank(severity) >= Rank(threshold) && Rank(severity) > 0;

    /// <summary>The more severe of two severities.</summary>
    public static string Max(string left, string right) => Rank(right) > Rank(left) ? right : left;

    /// <summary>The less severe of two known severities.</summary>
    public static string Min(string left, string right) => Rank(right) < Rank(left) ? right : left;
}
