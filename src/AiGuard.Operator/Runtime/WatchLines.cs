using System.Buffers;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// WatchLines splits a WATCH stream into its newline-delimited events and reads each straight from the received
/// UTF-8 bytes: the event's type, then its object with <see cref="CacheJson.Options"/> in the same pass. No line
/// string and no <see cref="JsonDocument"/> per event; during a cold start the operator reads one event per write. The
/// line splitting is public so the benchmark's watch tracker splits streams the same way.
/// </summary>
public static class WatchLines
{
    /// <summary>Takes the next complete line (without its newline) off <paramref name="buffer"/>; false when none is complete.</summary>
    public static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    /// <summary>True when <paramref name="line"/> holds only whitespace (watch streams may carry empty lines).</summary>
    public static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Reads one event line: ADDED, MODIFIED, DELETED and BOOKMARK carry the object, ERROR a Status.</summary>
    /// <exception cref="KubernetesApiException">The line has no object or an unknown type.</exception>
    /// <exception cref="JsonException">The line is not JSON.</exception>
    internal static WatchEvent<T> Parse<T>(ReadOnlySequence<byte> line)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a watch event is not a JSON object");
        }

        string? type = null;
        long? objectStart = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new KubernetesApiException($"watch event {type ?? "(no type)"} has no object");
                }

                if (type is not null)
                {
                    // The API server writes the type first: the object is read where it stands.
                    return Read<T>(type, ref reader);
                }

                objectStart = reader.TokenStartIndex;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (objectStart is not { } start)
        {
            throw new KubernetesApiException($"watch event {type ?? "(no type)"} has no object");
        }

        var objectReader = new Utf8JsonReader(line.Slice(start));
        objectReader.Read();
        return Read<T>(type, ref objectReader);
    }

    private static WatchEvent<T> Read<T>(string? type, ref Utf8JsonReader reader)
        where T : class, IKubernetesObject<V1ObjectMeta> => type switch
        {
            "ADDED" => new WatchEvent<T>(WatchEventType.Added, JsonSerializer.Deserialize<T>(ref reader, CacheJson.Options)),
            "MODIFIED" => new WatchEvent<T>(WatchEventType.Modified, JsonSerializer.Deserialize<T>(ref reader, CacheJson.Options)),
            "DELETED" => new WatchEvent<T>(WatchEventType.Deleted, JsonSerializer.Deserialize<T>(ref reader, CacheJson.Options)),
            "BOOKMARK" => new WatchEvent<T>(WatchEventType.Bookmark, JsonSerializer.Deserialize<T>(ref reader, CacheJson.Options)),
            "ERROR" => WatchEvent<T>.Error(JsonSerializer.Deserialize<V1Status>(ref reader, KubernetesJsonOptions.Shared)!),
            _ => throw new KubernetesApiException($"unknown watch event type '{type}'"),
        };
}
