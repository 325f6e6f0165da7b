namespace AiGuard.Engine;

/// <summary>ControlResult is the outcome of one evaluated control.</summary>
/// <param name="Control">Control id, e.g. AIG-NET-01.</param>
/// <param name="Area">The condition type the control reports under, e.g. NetworkIsolated.</param>
/// <param name="Severity">Effective severity after policy overrides.</param>
/// <param name="Passed">True when the control passes or every failure is waived.</param>
public sealed record ControlResult(string Control, string Area, string Severity, bool Passed);
