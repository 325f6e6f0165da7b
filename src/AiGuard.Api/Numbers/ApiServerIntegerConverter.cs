using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Api.Numbers;

/// <summary>
/// Reads integers (<see cref="int"/>, <see cref="long"/>) with <see cref="ApiServerInteger"/> first, so every integer
/// a CRD schema admits is read (1.0, 1e3; values past the type's range saturate); fractions, strings and every write
/// are left to the converter it wraps (System.Text.Json's own, whose output and error messages therefore stay as they
/// were).
/// </summary>
public sealed class ApiServerIntegerConverter<T>(JsonConverter<T> inner) : JsonConverter<T>
    where T : struct, IBinaryInteger<T>
{
    /// <summary>Wraps System.Text.Json's own converter for <typeparamref name="T"/>.</summary>
    public ApiServerIntegerConverter()
        : this((JsonConverter<T>)JsonSerializerOptions.Default.GetConverter(typeof(T)))
    {
    }

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && ApiServerInteger.Read(ref reader) is { } value
            ? T.CreateSaturating(value)
            : inner.Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => inner.Write(writer, value, options);
}
