using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// Reads <typeparamref name="T"/> once per distinct JSON text and hands every later reader of the same text the same
/// instance, for nested values thousands of cached objects repeat whole and no comparer lists every field of (the
/// DNS egress rule and the serving-port ingress rule of every model's NetworkPolicy). The text is the key, so two
/// values are shared only when the API server serialized them identically. <paramref name="freeze"/> turns the value
/// read into an immutable one (a <see cref="SharedList{T}"/>), since it is shared.
/// </summary>
internal sealed class PooledJsonConverter<T>(JsonSerializerOptions inner, Func<T, T> freeze) : JsonConverter<T>
    where T : class
{
    private readonly InternPool<Entry> _pool = new(new TextComparer());

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var value = document.RootElement.Deserialize<T>(inner);
        return value is null ? null : _pool.Intern(new Entry(document.RootElement.GetRawText(), freeze(value))).Value;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, inner);

    private sealed record Entry(string Json, T Value);

    private sealed class TextComparer : IEqualityComparer<Entry>
    {
        public bool Equals(Entry? x, Entry? y) => ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(x.Json, y.Json, StringComparison.Ordinal));

        public int GetHashCode(Entry obj) => StringComparer.Ordinal.GetHashCode(obj.Json);
    }
}
