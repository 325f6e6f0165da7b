using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// Reads <c>IList&lt;T&gt;</c> properties as pooled <see cref="SharedList{T}"/> (each element read with the same options,
/// so pooled elements make equal lists); writes any list.
/// </summary>
internal sealed class SharedListConverter<T>(InternPool<SharedList<T>> lists) : JsonConverter<IList<T>>
{
    public override IList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"expected a JSON array for a list of {typeof(T).Name}, found {reader.TokenType}");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(JsonSerializer.Deserialize<T>(ref reader, options)!);
        }

        return lists.Intern(new SharedList<T>([.. items]));
    }

    public override void Write(Utf8JsonWriter writer, IList<T> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, options);
        }

        writer.WriteEndArray();
    }
}
