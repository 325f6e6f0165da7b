using System.Text;

namespace AiGuard.Sandbox.Tests.Protobuf;

/// <summary>A tiny protobuf encoder to build the bodies kubectl and helm send.</summary>
internal sealed class ProtoWriter
{
    private readonly List<byte> stream = [];

    public static byte[] KubeEnvelope(string apiVersion, string kind, byte[] raw, string contentEncoding = "")
    {
        var envelope = new ProtoWriter()
            .Message(1, t => t.String(1, apiVersion).String(2, kind))
            .Bytes(2, raw)
            .String(3, contentEncoding)
            .String(4, "");
        return [0x6b, 0x38, 0x73, 0x00, .. envelope.ToArray()];
    }

    public ProtoWriter Varint(int field, ulong value) => Tag(field, 0).RawVarint(value);

    public ProtoWriter Int64(int field, long value) => Varint(field, unchecked((ulong)value));

    public ProtoWriter Bool(int field, bool value) => Varint(field, value ? 1UL : 0UL);

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, 2).RawVarint((ulong)value.Length);
        stream.AddRange(value);
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> build)
    {
        var inner = new ProtoWriter();
        build(inner);
        return Bytes(field, inner.ToArray());
    }

    public ProtoWriter MapEntry(int field, string key, string value) => Message(field, e => e.String(1, key).String(2, value));

    public ProtoWriter MapEntry(int field, string key, byte[] value) => Message(field, e => e.String(1, key).Bytes(2, value));

    public ProtoWriter Fixed32(int field, uint value)
    {
        Tag(field, 5);
        stream.AddRange(BitConverter.GetBytes(value));
        return this;
    }

    public byte[] ToArray() => stream.ToArray();

    private ProtoWriter Tag(int field, int wireType) => RawVarint(((ulong)field << 3) | (uint)wireType);

    private ProtoWriter RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            stream.Add((byte)(value | 0x80));
            value >>= 7;
        }

        stream.Add((byte)value);
        return this;
    }
}
