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
    /// <inheritdoc />
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.GetString() is { } text && ApiServerDateTime.TryParse(text, out var utc)
            ? utc
            : inner.Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => inner.Write(writer, value, options);
}
