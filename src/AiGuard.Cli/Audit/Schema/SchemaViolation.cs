namespace AiGuard.Cli.Audit.Schema;

/// <summary>SchemaViolation is one field that does not fit the API type: where, what, and whether to point at its key.</summary>
public sealed record SchemaViolation(FieldPath Path, string Message, bool AtKey = false);
