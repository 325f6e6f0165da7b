namespace AiGuard.Engine.Controls;

/// <summary>IControl is one control: its catalog entry and its rule, kept together so the rule lives in one place.</summary>
internal interface IControl
{
    ControlDefinition Definition { get; }

    /// <summary>The violations found (empty when the control passes), or null when its inputs are missing (skipped).</summary>
    IReadOnlyList<Violation>? Evaluate(EvaluationContext context);
}
