using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Operator.Runtime;

/// <summary>Reads strings (values and property names) as <see cref="InternPool{T}"/> instances; writes them unchanged.</summary>
internal sealed class PooledStringConverter(InternPool<string> pool) : JsonConverter<string>
{
    /// <summary>Longer strings are not pooled: they are rarely repeated and would crowd the pool.</summary>
    public const int MaxPooledLength = 256;

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, pool);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, pool) ?? string.Empty;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    /// <summary>
    /// The string at <paramref name="reader"/> (a value or a property name) from <paramref name="pool"/> when it is short
    /// enough to pool. A short string is unescaped into a stack buffer and looked up by its characters, so a repeated
    /// label key, namespace or owner name costs no new string per watch event.
    /// </summary>
    public static string? Read(ref Utf8JsonReader reader, InternPool<string> pool)
    {
        var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || bytes > MaxPooledLength)
        {
            var text = reader.GetString();
            return text is { Length: <= MaxPooledLength } ? pool.Intern(text) : text;
        }

        // UTF-8 never takes fewer bytes than UTF-16 characters, and unescaping only shortens.
        Span<char> buffer = stackalloc char[MaxPooledLength];
        var length = reader.CopyString(buffer);
        return pool.Intern<ReadOnlySpan<char>>(buffer[..length], static chars => new string(chars));
    }
}
