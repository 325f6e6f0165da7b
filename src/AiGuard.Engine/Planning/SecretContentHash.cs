using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AiGuard.Engine.Planning;

/// <summary>
/// SecretContentHash content-addresses a Secret's data: SHA-256 over the keys in ordinal order, each key and value
/// length-prefixed so that no two different data sets encode to the same bytes.
/// </summary>
internal static class SecretContentHash
{
    /// <summary>Lower-case hex of the SHA-256 of <paramref name="data"/>.</summary>
    public static string Compute(IEnumerable<KeyValuePair<string, byte[]>> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var (key, value) in data.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var keyBytes = Encoding.UTF8.GetBytes(key);
            BinaryPrimitives.WriteInt32BigEndian(length, keyBytes.Length);
            hash.AppendData(length);
            hash.AppendData(keyBytes);
            BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
            hash.AppendData(length);
            hash.AppendData(value);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
