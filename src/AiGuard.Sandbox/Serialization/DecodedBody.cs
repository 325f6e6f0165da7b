using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Serialization;

/// <summary>
/// A decoded request body and the fields it repeated (the last value won). fieldValidation=Strict turns the
/// duplicates into 400 BadRequest and Warn into warnings, as on a real server.
/// </summary>
internal sealed record DecodedBody(JsonNode? Node, IReadOnlyList<string> DuplicateFields)
{
    public static DecodedBody Empty { get; } = new(null, []);
}
