using System.Security.Cryptography;
using System.Text;
using AiGuard.Engine;
using AiGuard.Sealing;

namespace AiGuard.Operator.Sealing;

/// <summary>
/// OpenedValueCache remembers what unsealing one sealed text at one location gave (the opened bytes or the reason
/// it failed), least recently used first out, bounded by entry count and by opened bytes. Keys are SHA-256 digests
/// of location and text, so a 1 MiB sealed value costs 32 bytes of key. Evicted plaintexts are zeroed.
/// Every <see cref="RemoveWhere"/> starts a new <see cref="Epoch"/>: a result computed before it (with the old key
/// ring) is handed back but not kept, so a slow unseal cannot re-insert what the removal just forgot.
/// </summary>
internal sealed class OpenedValueCache(int capacity, long maxOpenedBytes)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<CacheKey, LinkedListNode<Entry>> _byKey = [];
    private readonly LinkedList<Entry> _recency = new();
    private long _openedBytes;
    private long _epoch;

    /// <summary>Number of remembered results.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byKey.Count;
            }
        }
    }

    /// <summary>Total size of the remembered plaintexts.</summary>
    public long OpenedBytes
    {
        get
        {
            lock (_gate)
            {
                return _openedBytes;
            }
        }
    }

    /// <summary>Changes on every <see cref="RemoveWhere"/>; read it before computing a result to <see cref="Add"/>.</summary>
    public long Epoch
    {
        get
        {
            lock (_gate)
            {
                return _epoch;
            }
        }
    }

    public static CacheKey KeyFor(SealingScope location, string sealedText)
    {
        // The location text cannot contain '\n' (DNS labels and '/'), so the two parts cannot run into each other.
        var input = Encoding.UTF8.GetBytes(location + "\n" + sealedText);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, digest);
        return new CacheKey(
            BitConverter.ToUInt64(digest[..8]),
            BitConverter.ToUInt64(digest[8..16]),
            BitConverter.ToUInt64(digest[16..24]),
            BitConverter.ToUInt64(digest[24..]));
    }

    /// <summary>Finds a remembered result.</summary>
    /// <param name="key">The digest of location and text.</param>
    /// <param name="copyValue">Whether to return a copy of the plaintext (made under the lock, so an eviction
    /// cannot zero it half-way).</param>
    /// <param name="found">The result; its plaintext, if copied, belongs to the caller.</param>
    public bool TryGet(CacheKey key, bool copyValue, out Result found)
    {
        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                found = node.Value.ToResult(copyValue);
                return true;
            }
        }

        found = default;
        return false;
    }

    /// <summary>
    /// Remembers a result and hands it back. The cache takes ownership of <paramref name="entry"/>'s plaintext; the
    /// returned plaintext, if copied, belongs to the caller. A plaintext larger than the byte budget is not kept,
    /// nor is a result computed before the last <see cref="RemoveWhere"/> (<paramref name="epoch"/> is stale).
    /// </summary>
    /// <param name="key">The digest of location and text.</param>
    /// <param name="entry">The result; the cache owns its plaintext from now on.</param>
    /// <param name="copyValue">Whether to hand back a copy of the plaintext.</param>
    /// <param name="epoch">The <see cref="Epoch"/> read before the result was computed.</param>
    public Result Add(CacheKey key, Entry entry, bool copyValue, long epoch)
    {
        var size = entry.Value?.LongLength ?? 0;
        if (capacity <= 0 || size > maxOpenedBytes)
        {
            return Unkept(entry, copyValue);
        }

        lock (_gate)
        {
            if (epoch != _epoch)
            {
                return Unkept(entry, copyValue);
            }

            if (_byKey.TryGetValue(key, out var existing))
            {
                // Another worker opened the same value meanwhile: keep one copy, wipe the other.
                if (entry.Value is { } duplicate)
                {
                    CryptographicOperations.ZeroMemory(duplicate);
                }

                return existing.Value.ToResult(copyValue);
            }

            var node = _recency.AddFirst(entry with { Key = key });
            _byKey[key] = node;
            _openedBytes += size;
            var handed = node.Value.ToResult(copyValue);
            while (_byKey.Count > capacity || _openedBytes > maxOpenedBytes)
            {
                Remove(_recency.Last!);
            }

            return handed;
        }
    }

    /// <summary>Drops every entry the predicate selects (e.g. those of keys no longer in the ring) and starts a new epoch.</summary>
    public int RemoveWhere(Func<Entry, bool> predicate)
    {
        lock (_gate)
        {
            _epoch++;
            var doomed = new List<LinkedListNode<Entry>>();
            for (var node = _recency.First; node is not null; node = node.Next)
            {
                if (predicate(node.Value))
                {
                    doomed.Add(node);
                }
            }

            doomed.ForEach(Remove);
            return doomed.Count;
        }
    }

    private static Result Unkept(Entry entry, bool copyValue)
    {
        var result = entry.ToResult(copyValue);
        if (entry.Value is { } unkept)
        {
            CryptographicOperations.ZeroMemory(unkept);
        }

        return result;
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _byKey.Remove(node.Value.Key);
        if (node.Value.Value is { } value)
        {
            _openedBytes -= value.LongLength;
            CryptographicOperations.ZeroMemory(value);
        }
    }

    /// <summary>A SHA-256 digest as four words: cheap to hash and compare.</summary>
    public readonly record struct CacheKey(ulong A, ulong B, ulong C, ulong D);

    /// <summary>One result: the verdict, and the plaintext when it opened (owned by the cache).</summary>
    public sealed record Entry(SealedDataVerdict Verdict, byte[]? Value, SealingFailure? Failure)
    {
        public CacheKey Key { get; init; }

        public Result ToResult(bool copyValue) => new(Verdict, copyValue ? Value?.ToArray() : null);
    }

    /// <summary>What a lookup hands out: the verdict and, when asked for, a copy of the plaintext.</summary>
    public readonly record struct Result(SealedDataVerdict Verdict, byte[]? Value);
}
