using System.Text;

namespace AiGuard.Sandbox.Protobuf;

/// <summary>
/// A forward-only reader of protobuf wire format over a span: varints, fixed 32/64-bit values and length-delimited
/// fields. Every bound is checked so malformed input ends in <see cref="ProtobufDecodeException"/>.
/// </summary>
internal ref struct ProtoReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> buffer;
    private readonly string message;
    private int position;

    public ProtoReader(ReadOnlySpan<byte> buffer, string message)
    {
        this.buffer = buffer;
        this.message = message;
        position = 0;
    }

    public readonly bool AtEnd => position >= buffer.Length;

    /// <summary>Reads the next field key; field numbers start at 1.</summary>
    public (int Field, int WireType) ReadTag()
    {
        var key = ReadVarint();
        var field = key >> 3;
        if (field is 0 or > int.MaxValue)
        {
            throw Error($"invalid field number {field}");
        }

        return ((int)field, (int)(key & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= buffer.Length)
            {
                throw Error("truncated varint");
            }

            var b = buffer[position++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Error("varint longer than 10 bytes");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(buffer.Length - position))
        {
            throw Error($"length {length} runs past the end of the data");
        }

        var slice = buffer.Slice(position, (int)length);
        position += (int)length;
        return slice;
    }

    public string ReadString()
    {
        var bytes = ReadBytes();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ProtobufDecodeException($"{message}: a string field is not valid UTF-8", e);
        }
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Advance(8);
                break;
            case LengthDelimited:
                ReadBytes();
                break;
            case Fixed32:
                Advance(4);
                break;
            default:
                throw Error($"unsupported wire type {wireType}");
        }
    }

    /// <summary>Fails unless the wire type is the one the schema declares for this field.</summary>
    public readonly void Expect(int field, int wireType, int expected)
    {
        if (wireType != expected)
        {
            throw Error($"field {field} has wire type {wireType}, expected {expected}");
        }
    }

    public readonly ProtobufDecodeException Error(string detail) => new($"{message}: {detail} (at byte {position})");

    private void Advance(int count)
    {
        if (buffer.Length - position < count)
        {
            throw Error("truncated fixed-width value");
        }

        position += count;
    }
}
