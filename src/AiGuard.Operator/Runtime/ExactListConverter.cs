using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// Reads a <see cref="List{T}"/> whose backing array holds exactly its items. The serializer grows a list by doubling,
/// so a ModelDeployment's nine status conditions kept a 16-slot array (56 bytes per model of empty slots); the
/// cached list is never added to, so the slack was never used. Items are read with the caller's options (pooled
/// conditions stay pooled).
/// </summary>
internal sealed class ExactListConverter<T> : JsonConverter<List<T>>
{
    public override List<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
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

        return items.Count == items.Capacity ? items : new List<T>(items);
    }

    public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, options);
        }

        writer.WriteEndArray();
    }
}
