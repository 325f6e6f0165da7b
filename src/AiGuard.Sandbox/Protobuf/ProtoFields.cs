using System.Globalization;
using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Protobuf;

/// <summary>Typed field reads shared by the message decoders (each checks the wire type first).</summary>
internal static class ProtoFields
{
    // Go's zero time.Time, which the generated marshalers write for an unset metav1.Time.
    private const long ZeroTimeSeconds = -62135596800;
    private const long MaxTimeSeconds = 253402300799;

    public static string String(scoped ref ProtoReader reader, int field, int wireType)
    {
        reader.Expect(field, wireType, ProtoReader.LengthDelimited);
        return reader.ReadString();
    }

    public static ReadOnlySpan<byte> Bytes(scoped ref ProtoReader reader, int field, int wireType)
    {
        reader.Expect(field, wireType, ProtoReader.LengthDelimited);
        return reader.ReadBytes();
    }

    public static long Int64(scoped ref ProtoReader reader, int field, int wireType)
    {
        reader.Expect(field, wireType, ProtoReader.Varint);
        return unchecked((long)reader.ReadVarint());
    }

    public static bool Bool(scoped ref ProtoReader reader, int field, int wireType)
    {
        reader.Expect(field, wireType, ProtoReader.Varint);
        return reader.ReadVarint() != 0;
    }

    /// <summary>Sets a string member, leaving it out when empty like Go's <c>omitempty</c>.</summary>
    public static void SetString(JsonObject target, string name, string value)
    {
        if (value.Length > 0)
        {
            target[name] = value;
        }
    }

    public static void AddString(JsonObject target, string name, string value)
    {
        if (target[name] is not JsonArray list)
        {
            list = [];
            target[name] = list;
        }

        list.Add(value);
    }

    /// <summary>Reads one map entry message (1 key, 2 value) into <paramref name="target"/>[<paramref name="name"/>].</summary>
    public static void MapEntry(scoped ref ProtoReader reader, int field, int wireType, JsonObject target, string name, bool bytesValue)
    {
        var entry = new ProtoReader(Bytes(ref reader, field, wireType), $"map entry \"{name}\"");
        var key = string.Empty;
        JsonNode value = bytesValue ? System.Convert.ToBase64String([]) : string.Empty;
        while (!entry.AtEnd)
        {
            var (entryField, entryWire) = entry.ReadTag();
            switch (entryField)
            {
                case 1:
                    key = String(ref entry, entryField, entryWire);
                    break;
                case 2:
                    value = bytesValue
                        ? System.Convert.ToBase64String(Bytes(ref entry, entryField, entryWire))
                        : String(ref entry, entryField, entryWire);
                    break;
                default:
                    entry.Skip(entryWire);
                    break;
            }
        }

        if (target[name] is not JsonObject map)
        {
            map = [];
            target[name] = map;
        }

        map[key] = value;
    }

    /// <summary>A metav1.Time message (1 seconds, 2 nanos) as RFC 3339 text; null for an unset time.</summary>
    public static string? Time(scoped ref ProtoReader reader, int field, int wireType)
    {
        var time = new ProtoReader(Bytes(ref reader, field, wireType), "meta.v1.Time");
        long seconds = 0, nanos = 0;
        while (!time.AtEnd)
        {
            var (timeField, timeWire) = time.ReadTag();
            switch (timeField)
            {
                case 1:
                    seconds = Int64(ref time, timeField, timeWire);
                    break;
                case 2:
                    nanos = Int64(ref time, timeField, timeWire); // the JSON form has whole seconds
                    break;
                default:
                    time.Skip(timeWire);
                    break;
            }
        }

        // kubectl writes an unset time as an empty message (all zero); older marshalers wrote Go's zero time.
        if ((seconds == 0 && nanos == 0) || seconds <= ZeroTimeSeconds)
        {
            return null;
        }

        if (seconds > MaxTimeSeconds)
        {
            throw time.Error($"time {seconds} seconds is out of range");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
