using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Api.Numbers;

/// <summary>
/// Reads <see cref="long"/> values with <see cref="ApiServerInteger"/> first, so every integer a CRD schema admits is
/// read (1.0, 1e3, values past the type's range saturate); fractions, strings and every write are left to the
/// converter it wraps (System.Text.Json's own, whose output and error messages therefore stay as they were).
/// </summary>
public sealed class ApiServerInt64Converter(JsonConverter<long> inner) : JsonConverter<long>
{
    /// <inheritdoc />
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && ApiServerInteger.Read(ref reader, long.MinValue, long.MaxValue) is { } value
            ? (long)value
            : inner.Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => inner.Write(writer, value, options);
}
