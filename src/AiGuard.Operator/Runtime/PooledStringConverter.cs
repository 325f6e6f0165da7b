using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Operator.Runtime;

/// <summary>Reads strings (values and property names) as <see cref="InternPool{T}"/> instances; writes them unchanged.</summary>
internal sealed class PooledStringConverter(InternPool<string> pool) : JsonConverter<string>
{
    /// <summary>Longer strings are not pooled: they are rarely repeated and would crowd the pool.</summary>
    public const int MaxPooledLength = 256;

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Pooled(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Pooled(reader.GetString()) ?? string.Empty;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    public string? Pooled(string? value) => value is null || value.Length > MaxPooledLength ? value : pool.Intern(value);
}
