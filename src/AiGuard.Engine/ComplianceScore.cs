namespace AiGuard.Engine;

/// <summary>ComplianceScore is the severity-weighted share (0-100) of evaluated controls that pass or are waived.</summary>
public static class ComplianceScore
{
    /// <summary>Rounded half away from zero; 100 when no control was evaluated.</summary>
    public static int Of(IEnumerable<ControlResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var total = 0;
        var passing = 0;
        foreach (var result in results)
        {
            var weight = SeverityScale.Weight(result.Severity);
            total += weight;
            passing += result.Passed ? weight : 0;
        }

        return total == 0 ? 100 : (int)Math.Round(100.0 * passing / total, MidpointRounding.AwayFromZero);
    }
}
