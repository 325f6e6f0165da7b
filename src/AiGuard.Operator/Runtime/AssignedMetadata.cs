using System.Globalization;
using System.Text.Json;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// AssignedMetadata reads, from a create's answer, the metadata the API server assigns (resourceVersion, uid,
/// generation, creationTimestamp) with a forward-only reader: no object of the answer's type is built, which for a
/// cold start was one full parse per child written. Everything else the answer holds is what was sent plus defaults.
/// </summary>
internal static class AssignedMetadata
{
    /// <summary>Copies the assigned fields of <paramref name="answer"/>'s metadata onto <paramref name="metadata"/>.</summary>
    /// <exception cref="JsonException">The answer is not a JSON object with a metadata.resourceVersion.</exception>
    public static void CopyTo(ReadOnlySpan<byte> answer, V1ObjectMeta metadata) => CopyTo(answer, metadata, withLabels: false);

    /// <summary>
    /// Copies the assigned fields of <paramref name="answer"/>'s metadata onto <paramref name="metadata"/>, and with
    /// <paramref name="withLabels"/> also its labels, annotations and deletionTimestamp: what a caller needs to tell
    /// whether the stored object still is the one it wrote from.
    /// </summary>
    /// <exception cref="JsonException">The answer is not a JSON object with a metadata.resourceVersion.</exception>
    public static void CopyTo(ReadOnlySpan<byte> answer, V1ObjectMeta metadata, bool withLabels)
    {
        var reader = new Utf8JsonReader(answer);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the answer is not a JSON object");
        }

        string? resourceVersion = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            if (!isMetadata || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resourceVersion"u8))
                {
                    resourceVersion = ReadString(ref reader, "resourceVersion");
                }
                else if (reader.ValueTextEquals("uid"u8))
                {
                    metadata.Uid = ReadString(ref reader, "uid");
                }
                else if (reader.ValueTextEquals("generation"u8))
                {
                    reader.Read();
                    metadata.Generation = reader.TokenType switch
                    {
                        JsonTokenType.Number when reader.TryGetInt64(out var generation) => generation,
                        JsonTokenType.Null => null,
                        _ => throw new JsonException("metadata.generation is not an integer"),
                    };
                }
                else if (reader.ValueTextEquals("creationTimestamp"u8))
                {
                    metadata.CreationTimestamp = ReadTime(ref reader, "creationTimestamp");
                }
                else if (withLabels && reader.ValueTextEquals("labels"u8))
                {
                    metadata.Labels = ReadMap(ref reader, "labels");
                }
                else if (withLabels && reader.ValueTextEquals("annotations"u8))
                {
                    metadata.Annotations = ReadMap(ref reader, "annotations");
                }
                else if (withLabels && reader.ValueTextEquals("deletionTimestamp"u8))
                {
                    metadata.DeletionTimestamp = ReadTime(ref reader, "deletionTimestamp");
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            break;
        }

        metadata.ResourceVersion = string.IsNullOrEmpty(resourceVersion)
            ? throw new JsonException("the answer has no metadata.resourceVersion")
            : resourceVersion;
    }

    // The reader's GetString throws InvalidOperationException on a number or an object: an answer of the wrong shape is
    // a JsonException naming the field, like any other unreadable answer.
    private static string? ReadString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => Text(ref reader, field),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"metadata.{field} is not a string"),
        };
    }

    private static DateTime? ReadTime(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String
            && DateTime.TryParse(Text(ref reader, field), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : null;
    }

    // A string map; an entry whose value is not a string (never from an API server) is left out.
    private static Dictionary<string, string>? ReadMap(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Text(ref reader, field);
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            map[key] = Text(ref reader, field);
        }

        return map;
    }

    // The reader checks UTF-8 only when a string is decoded, and then throws InvalidOperationException: text that is
    // not UTF-8 is an unreadable answer too (a JsonException naming the field), as the serializer reports it.
    private static string Text(ref Utf8JsonReader reader, string field)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"metadata.{field} is not valid UTF-8", e);
        }
    }
}
