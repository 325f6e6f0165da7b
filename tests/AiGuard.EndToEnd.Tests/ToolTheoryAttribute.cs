namespace AiGuard.EndToEnd.Tests;

/// <summary>A theory that needs host tools; skipped like <see cref="ToolFactAttribute"/> (never under CI=true).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(params string[] tools) => Skip = HostTools.SkipReason(tools);
}
