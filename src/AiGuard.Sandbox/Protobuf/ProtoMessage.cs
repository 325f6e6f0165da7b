using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Protobuf;

/// <summary>Reads one field (the reader stands after its tag) into the message's JSON object.</summary>
internal delegate void ProtoFieldReader(scoped ref ProtoReader reader, int field, int wireType, JsonObject target);

/// <summary>
/// ProtoMessage decodes one protobuf message type into its JSON form from a table of field number to reader, so a
/// message is described by its fields instead of a hand-written read loop. Fields not in the table are skipped, as
/// every protobuf reader skips fields it does not know.
/// </summary>
internal sealed class ProtoMessage(string name, IReadOnlyDictionary<int, ProtoFieldReader> fields)
{
    /// <summary>Decodes <paramref name="bytes"/> into <paramref name="target"/> (a new object when null) and returns it.</summary>
    public JsonObject Decode(ReadOnlySpan<byte> bytes, JsonObject? target = null)
    {
        target ??= [];
        var reader = new ProtoReader(bytes, name);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (fields.TryGetValue(field, out var read))
            {
                read(ref reader, field, wire, target);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return target;
    }

    /// <summary>A string member; by default left out when empty, like Go's <c>omitempty</c>.</summary>
    public static ProtoFieldReader String(string member, bool omitEmpty = true) =>
        (scoped ref ProtoReader reader, int field, int wire, JsonObject target) =>
        {
            var value = ProtoFields.String(ref reader, field, wire);
            if (omitEmpty)
            {
                ProtoFields.SetString(target, member, value);
            }
            else
            {
                target[member] = value;
            }
        };

    /// <summary>A repeated string: each occurrence appends to the array member.</summary>
    public static ProtoFieldReader StringList(string member) =>
        (scoped ref ProtoReader reader, int field, int wire, JsonObject target) =>
            ProtoFields.AddString(target, member, ProtoFields.String(ref reader, field, wire));

    /// <summary>A bool member.</summary>
    public static ProtoFieldReader Bool(string member) =>
        (scoped ref ProtoReader reader, int field, int wire, JsonObject target) =>
            target[member] = ProtoFields.Bool(ref reader, field, wire);

    /// <summary>An int64 member.</summary>
    public static ProtoFieldReader Int64(string member) =>
        (scoped ref ProtoReader reader, int field, int wire, JsonObject target) =>
            target[member] = ProtoFields.Int64(ref reader, field, wire);

    /// <summary>A metav1.Time member as RFC 3339 text, left out when unset.</summary>
    public static ProtoFieldReader Time(string member) =>
        (scoped ref ProtoReader reader, int field, int wire, JsonObject target) =>
        {
            if (ProtoFields.Time(ref reader, field, wire) is { } time)
            {
                target[member] = time;
            }
        };

    /// <summary>A map&lt;string, string&gt; (or map&lt;string, bytes&gt; as base64) member: each occurrence is one entry.</summary>
    public static ProtoFieldReader Map(string member, bool bytesValue) =>
        (scoped ref ProtoReader reader, int field, int wire, JsonObject target) =>
            ProtoFields.MapEntry(ref reader, field, wire, target, member, bytesValue);

    /// <summary>An embedded message member.</summary>
    public static ProtoFieldReader Message(string member, ProtoMessage message) =>
        (scoped ref ProtoReader reader, int field, int wire, JsonObject target) =>
            target[member] = message.Decode(ProtoFields.Bytes(ref reader, field, wire));

    /// <summary>A repeated embedded message: each occurrence appends to the array member.</summary>
    public static ProtoFieldReader MessageList(string member, ProtoMessage message) =>
        (scoped ref ProtoReader reader, int field, int wire, JsonObject target) =>
        {
            var item = message.Decode(ProtoFields.Bytes(ref reader, field, wire));
            if (target[member] is not JsonArray list)
            {
                list = [];
                target[member] = list;
            }

            list.Add(item);
        };
}
