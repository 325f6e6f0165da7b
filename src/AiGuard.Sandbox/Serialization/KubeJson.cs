using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Serialization;

/// <summary>JSON conventions of the API server: one serializer setup, RFC 3339 times, cheap parsing.</summary>
internal static class KubeJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        return JsonNode.Parse(ref reader, NodeOptions);
    }

    public static JsonObject ParseObject(ReadOnlySpan<byte> utf8) =>
        Parse(utf8) as JsonObject ?? throw new JsonException("expected a JSON object");

    public static JsonDocumentOptions Document => DocumentOptions;

    /// <summary>Kubernetes timestamps are RFC 3339 with second precision in UTC.</summary>
    public static string Timestamp(DateTime utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTime? ParseTimestamp(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;

    public static string? GetString(this JsonObject? obj, string property) =>
        obj is not null && obj.TryGetPropertyValue(property, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : null;

    public static JsonObject? GetObject(this JsonObject? obj, string property) =>
        obj is not null && obj.TryGetPropertyValue(property, out var value) ? value as JsonObject : null;

    public static JsonArray? GetArray(this JsonObject? obj, string property) =>
        obj is not null && obj.TryGetPropertyValue(property, out var value) ? value as JsonArray : null;

    public static long? GetInt64(this JsonObject? obj, string property)
    {
        if (obj is null || !obj.TryGetPropertyValue(property, out var value) || value is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (v.TryGetValue<double>(out var d) && Math.Abs(d % 1) < double.Epsilon)
        {
            return (long)d;
        }

        return v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>Returns the object at <paramref name="property"/>, creating an empty one when absent.</summary>
    public static JsonObject GetOrAddObject(this JsonObject obj, string property)
    {
        if (obj[property] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        obj[property] = created;
        return created;
    }

    /// <summary>Follows a dotted path such as <c>.spec.replicas</c>.</summary>
    public static JsonNode? Select(this JsonNode? node, string dottedPath)
    {
        foreach (var part in dottedPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node))
            {
                return null;
            }
        }

        return node;
    }
}
