using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// Reads <typeparamref name="T"/> once per distinct JSON text and hands every later reader of the same text the same
/// instance, for nested values thousands of cached objects repeat whole and no comparer lists every field of (the
/// DNS egress rule and the serving-port ingress rule of every model's NetworkPolicy). The key is the SHA-256 of the
/// text as the API server sent it, so two values are shared only when the server serialized them identically (a
/// different value with the same digest would need a SHA-256 collision). The pool keeps the 32-byte digest, not the
/// text: a model's own ingress rules name the model and are never shared, and keeping their text cost about 270
/// bytes per model at 10,000 models. <paramref name="freeze"/> turns the value read into an immutable one (a
/// <see cref="SharedList{T}"/>), since it is shared.
/// </summary>
internal sealed class PooledJsonConverter<T>(JsonSerializerOptions inner, Func<T, T> freeze) : JsonConverter<T>
    where T : class
{
    private readonly InternPool<Entry> _pool = new(new DigestComparer());

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var value = document.RootElement.Deserialize<T>(inner);
        return value is null ? null : _pool.Intern(new Entry(TextDigest.Of(JsonMarshal.GetRawUtf8Value(document.RootElement)), freeze(value))).Value;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => JsonSerializer.Serialize(writer, value, inner);

    private sealed record Entry(TextDigest Digest, T Value);

    /// <summary>A SHA-256 held inline as four words (no array per entry).</summary>
    private readonly record struct TextDigest(ulong A, ulong B, ulong C, ulong D)
    {
        public static TextDigest Of(ReadOnlySpan<byte> utf8)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8, hash);
            return new TextDigest(
                BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]), BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
        }
    }

    private sealed class DigestComparer : IEqualityComparer<Entry>
    {
        public bool Equals(Entry? x, Entry? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.Digest == y.Digest);

        public int GetHashCode(Entry obj) => obj.Digest.A.GetHashCode();
    }
}
