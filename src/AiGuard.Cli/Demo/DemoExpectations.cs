using AiGuard.Api.ModelDeployments;

namespace AiGuard.Cli.Demo;

/// <summary>
/// DemoExpectations say where each sample ModelDeployment must end up under the baseline GuardPolicy; the demo
/// fails when one does not, so it doubles as a smoke test of the whole operator.
/// </summary>
public static class DemoExpectations
{
    /// <summary>Sample name to expected phase, with the reason shown to the user.</summary>
    public static IReadOnlyDictionary<string, (string Phase, string Why)> Expected { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["support-assistant"] = (Phases.Compliant, "hardened vLLM: passes every control"),
        ["credit-scorer"] = (Phases.Compliant, "Triton pinned by digest, ingress limited to named callers"),
        ["chat-playground"] = (Phases.Quarantined, "critical findings under onCritical: Quarantine"),
    };
}
