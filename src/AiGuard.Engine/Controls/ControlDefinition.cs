namespace AiGuard.Engine.Controls;

/// <summary>ControlDefinition is a control's catalog entry: what it checks and how to fix a failure.</summary>
/// <param name="Id">Stable id, e.g. AIG-NET-01.</param>
/// <param name="Area">The condition type it reports under (a value of ConditionTypes, e.g. NetworkIsolated).</param>
/// <param name="DefaultSeverity">Severity unless a GuardPolicy overrides it.</param>
/// <param name="Title">One line naming what must hold.</param>
/// <param name="Remediation">How to fix a failure, when the finding gives no more specific advice.</param>
/// <param name="Scope">Which inputs the control needs.</param>
public sealed record ControlDefinition(string Id, string Area, string DefaultSeverity, string Title, string Remediation, ControlScope Scope);
