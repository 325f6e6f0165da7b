namespace AiGuard.Schema;

/// <summary>
/// A field the schema does not declare, which the API server prunes (or refuses under <c>fieldValidation=Strict</c>,
/// kubectl's default): <see cref="Path"/> like <c>spec.serving.replcas</c>, and the names the schema does declare
/// at that place, so a caller can suggest the field that was meant.
/// </summary>
public sealed record UnknownField(string Path, string Name, IReadOnlyCollection<string> DeclaredNames)
{
    /// <summary>The error as the API server words it in a strict decoding error.</summary>
    public override string ToString() => $"unknown field \"{Path}\"";
}
