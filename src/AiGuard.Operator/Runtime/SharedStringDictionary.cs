using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// SharedStringDictionary is an immutable string map (labels, annotations, selectors) as the informers cache it: sorted arrays
/// instead of a hash table, equal by content, so the identical label sets of a model's children and pod templates are
/// one pooled instance (<see cref="CacheJson"/>). Maps with the same keys share one key array (<see cref="KeySets"/>):
/// a model's children each carry a map of their own (a desired-hash annotation, labels naming the model), but
/// thousands of those maps repeat the same few key sets, and the array cost 32 bytes or more per map. Every mutator throws <see cref="NotSupportedException"/>: cached
/// objects are shared and read-only; copy before changing.
/// </summary>
public sealed class SharedStringDictionary : IDictionary<string, string>, IReadOnlyDictionary<string, string>, IEquatable<SharedStringDictionary>
{
    // Key arrays by content; bounded like every cache pool, and a forgotten array stays with the maps holding it.
    private static readonly InternPool<string[]> KeySets = new(CachedValueComparers.StringArray);

    private readonly string[] _keys;
    // The value itself for a one-key map (most of them: a child's desired-hash annotation), else a string[]: an
    // array for one value cost 32 bytes per map.
    private readonly object _values;
    private readonly int _hash;

    /// <summary>Creates the map from <paramref name="pairs"/> (a later duplicate key wins, as in a JSON object).</summary>
    public SharedStringDictionary(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            sorted[key] = value;
        }

        _keys = KeySets.Intern([.. sorted.Keys]);
        _values = sorted.Count == 1 ? sorted.Values.First() : sorted.Values.ToArray();
        var hash = default(HashCode);
        for (var i = 0; i < _keys.Length; i++)
        {
            hash.Add(_keys[i], StringComparer.Ordinal);
            hash.Add(ValueAt(i), StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    /// <inheritdoc />
    public int Count => _keys.Length;

    /// <inheritdoc />
    public bool IsReadOnly => true;

    /// <inheritdoc />
    public ICollection<string> Keys => Array.AsReadOnly(_keys);

    /// <inheritdoc />
    public ICollection<string> Values => Array.AsReadOnly(ValueArray());

    IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => Array.AsReadOnly(_keys);

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => Array.AsReadOnly(ValueArray());

    /// <inheritdoc />
    public string this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no key '{key}'");
        set => throw ReadOnly();
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? ValueAt(index) : null;
        return index >= 0;
    }

    /// <inheritdoc />
    public bool Contains(KeyValuePair<string, string> item) => TryGetValue(item.Key, out var value) && value == item.Value;

    /// <inheritdoc />
    public void CopyTo(KeyValuePair<string, string>[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        for (var i = 0; i < _keys.Length; i++)
        {
            array[arrayIndex + i] = new KeyValuePair<string, string>(_keys[i], ValueAt(i));
        }
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, string>(_keys[i], ValueAt(i));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(SharedStringDictionary? other) =>
        other is not null && _hash == other._hash && (ReferenceEquals(_keys, other._keys) || _keys.AsSpan().SequenceEqual(other._keys))
        && (_values is string one ? other._values is string otherOne && string.Equals(one, otherOne, StringComparison.Ordinal)
            : other._values is string[] others && ((string[])_values).AsSpan().SequenceEqual(others));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SharedStringDictionary);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <inheritdoc />
    public void Add(string key, string value) => throw ReadOnly();

    /// <inheritdoc />
    public void Add(KeyValuePair<string, string> item) => throw ReadOnly();

    /// <inheritdoc />
    public bool Remove(string key) => throw ReadOnly();

    /// <inheritdoc />
    public bool Remove(KeyValuePair<string, string> item) => throw ReadOnly();

    /// <inheritdoc />
    public void Clear() => throw ReadOnly();

    /// <summary>True when this map and <paramref name="other"/> hold one key array (their key sets are equal).</summary>
    internal bool SharesKeysWith(SharedStringDictionary other) => ReferenceEquals(_keys, other?._keys);

    private string ValueAt(int index) => _values as string ?? ((string[])_values)[index];

    // The values as an array for the read-only views (which never hand the array itself out).
    private string[] ValueArray() => _values as string[] ?? [(string)_values];

    private int IndexOf(string key) => key is null ? -1 : Array.BinarySearch(_keys, key, StringComparer.Ordinal);

    private static NotSupportedException ReadOnly() =>
        new("a cached object's map is shared and read-only; copy it (new Dictionary<string, string>(map)) before changing it");
}
