namespace AiGuard.Sandbox.Apply;

/// <summary>A field another manager owns with a different value: <see cref="Path"/> like <c>.spec.replicas</c>.</summary>
public sealed record ApplyConflict(string Manager, string Path);
