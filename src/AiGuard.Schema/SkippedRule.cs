namespace AiGuard.Schema;

/// <summary>
/// A schema rule the sandbox did not enforce (a CEL expression the Cel package cannot compile or evaluate, a
/// transition rule without an old value to compare, or a pattern .NET cannot compile), with the reason, so the
/// server can log and document it instead of silently accepting or crashing.
/// </summary>
public sealed record SkippedRule(string Path, string Rule, string Reason);
