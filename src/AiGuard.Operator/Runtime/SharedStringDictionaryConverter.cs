using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiGuard.Operator.Runtime;

/// <summary>Reads <c>IDictionary&lt;string, string&gt;</c> properties as pooled <see cref="SharedStringDictionary"/>; writes any map.</summary>
internal sealed class SharedStringDictionaryConverter(InternPool<string> strings, InternPool<SharedStringDictionary> maps) : JsonConverter<IDictionary<string, string>>
{
    public override IDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"expected a JSON object for a string map, found {reader.TokenType}");
        }

        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = PooledStringConverter.Read(ref reader, strings)!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue; // a null value reads like an absent key
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"expected a string value for key '{key}', found {reader.TokenType}");
            }

            pairs.Add(new KeyValuePair<string, string>(key, PooledStringConverter.Read(ref reader, strings)!));
        }

        return maps.Intern(new SharedStringDictionary(pairs));
    }

    public override void Write(Utf8JsonWriter writer, IDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WriteString(key, item);
        }

        writer.WriteEndObject();
    }
}
