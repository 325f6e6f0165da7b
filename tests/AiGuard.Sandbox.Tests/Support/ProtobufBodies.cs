using System.Text;

namespace AiGuard.Sandbox.Tests.Support;

/// <summary>Builds Kubernetes protobuf request bodies (magic + runtime.Unknown) the way kubectl's generators do.</summary>
public static class ProtobufBodies
{
    public static byte[] ConfigMap(string name, string ns, string key, string value)
    {
        var meta = Concat(Field(1, Encoding.UTF8.GetBytes(name)), Field(3, Encoding.UTF8.GetBytes(ns)));
        var entry = Concat(Field(1, Encoding.UTF8.GetBytes(key)), Field(2, Encoding.UTF8.GetBytes(value)));
        var configMap = Concat(Field(1, meta), Field(2, entry));
        var typeMeta = Concat(Field(1, "v1"u8.ToArray()), Field(2, "ConfigMap"u8.ToArray()));
        var unknown = Concat(Field(1, typeMeta), Field(2, configMap));
        return Concat([0x6b, 0x38, 0x73, 0x00], unknown);
    }

    private static byte[] Field(int number, byte[] payload) => Concat(Varint((ulong)((number << 3) | 2)), Varint((ulong)payload.Length), payload);

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
