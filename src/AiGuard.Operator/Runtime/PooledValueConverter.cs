using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// Reads a small object type (a status condition, an ownerReference) with <paramref name="inner"/> options and
/// returns the pooled instance equal to it, so the thousands of cached objects that carry the same condition or owner
/// share one. <paramref name="inner"/> must not contain this converter (it would read forever).
/// </summary>
internal sealed class PooledValueConverter<T>(InternPool<T> pool, JsonSerializerOptions inner) : JsonConverter<T>
    where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<T>(ref reader, inner) is { } value ? pool.Intern(value) : null;

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, inner);
}
