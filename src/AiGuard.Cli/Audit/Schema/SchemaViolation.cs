namespace AiGuard.Cli.Audit.Schema;

/// <summary>SchemaViolation is one field that does not fit the API type: where, what, and whether to point at its key.</summary>
/// <param name="Path">The field.</param>
/// <param name="Message">What is wrong, without the path.</param>
/// <param name="AtKey">Point at the key rather than the value (unknown fields).</param>
/// <param name="Structural">
/// True when the JSON cannot become the API type at all (wrong JSON type, unknown or missing field); false for a
/// value limit (enum, pattern, range, length), which the engine's validator may describe better.
/// </param>
public sealed record SchemaViolation(FieldPath Path, string Message, bool AtKey = false, bool Structural = true);
