using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Api.Times;

/// <summary>
/// Reads <see cref="DateTime"/> values with <see cref="ApiServerDateTime"/> first, so any date-time the API server
/// stored in a CRD field is read; anything else, and every write, is left to the converter it wraps (KubernetesClient's,
/// whose RFC 3339 output and error messages therefore stay as they were).
/// </summary>
public sealed class ApiServerDateTimeConverter(JsonConverter<DateTime> inner) : JsonConverter<DateTime>
{
    // Longer than any date-time worth a fast path (nanoseconds and an offset take 35); longer text takes GetString.
    private const int StackChars = 64;

    /// <inheritdoc />
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            // Every cached object's timestamps pass here: the text is unescaped onto the stack, not into a string.
            var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            Span<char> text = stackalloc char[StackChars];
            var parsed = length <= StackChars
                ? ApiServerDateTime.TryParse(text[..reader.CopyString(text)], out var utc)
                : ApiServerDateTime.TryParse(reader.GetString()!, out utc);
            if (parsed)
            {
                return utc;
            }
        }

        return inner.Read(ref reader, typeToConvert, options);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => inner.Write(writer, value, options);
}
