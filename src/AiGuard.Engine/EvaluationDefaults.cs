namespace AiGuard.Engine;

/// <summary>EvaluationDefaults holds values the engine assumes when an object leaves them out.</summary>
public static class EvaluationDefaults
{
    /// <summary>The namespace of an object that names none (as kubectl assumes).</summary>
    public const string Namespace = "default";
}
