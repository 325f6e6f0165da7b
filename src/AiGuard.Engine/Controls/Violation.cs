namespace AiGuard.Engine.Controls;

/// <summary>Violation is one reason a control fails, before severity and waivers are applied.</summary>
/// <param name="Message">What is wrong, naming the field; never secret material.</param>
/// <param name="Policy">The GuardPolicy whose rule raised it; null when the catalog default did.</param>
/// <param name="Remediation">Advice specific to this violation; null to use the catalog's.</param>
internal sealed record Violation(string Message, string? Policy = null, string? Remediation = null);
