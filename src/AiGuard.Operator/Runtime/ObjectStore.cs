using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// ObjectStore is the informer's thread-safe cache of one resource type, keyed by <see cref="ObjectKey"/>, with
/// listing by namespace and named secondary indexes (e.g. children by owner uid). Only the owning
/// <see cref="Informer{T}"/> writes it. The objects are shared: callers must treat them as read-only and copy
/// before changing anything.
/// </summary>
public sealed class ObjectStore<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Name of the built-in namespace index used by <see cref="List(string)"/>.</summary>
    public const string NamespaceIndex = "namespace";

    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, Index> _indexes = new(StringComparer.Ordinal);

    /// <summary>Creates an empty store, with the namespace index unless told otherwise.</summary>
    /// <param name="indexNamespaces">
    /// Keep the namespace index (default). Without it <see cref="List(string)"/> scans every object: for a store nobody
    /// lists by namespace, whose index sets would cost about 50 bytes per object for nothing.
    /// </param>
    public ObjectStore(bool indexNamespaces = true)
    {
        if (indexNamespaces)
        {
            _indexes[NamespaceIndex] = new Index(ObjectIndexers.Namespace);
        }
    }

    /// <summary>Number of cached objects.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>The cached object with <paramref name="key"/>, or null.</summary>
    public T? Get(ObjectKey key)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    /// <summary>The cached object <paramref name="name"/> in <paramref name="namespace"/> (null: cluster-scoped), or null.</summary>
    public T? Get(string? @namespace, string name) => Get(new ObjectKey(@namespace, name));

    /// <summary>Every cached object.</summary>
    public IReadOnlyList<T> List()
    {
        lock (_gate)
        {
            return [.. _items.Values];
        }
    }

    /// <summary>The cached objects of one namespace.</summary>
    public IReadOnlyList<T> List(string @namespace)
    {
        lock (_gate)
        {
            if (_indexes.TryGetValue(NamespaceIndex, out var index))
            {
                return index.Keys(@namespace).Select(key => _items[key]).ToList();
            }

            // Filed like the index files them: a cluster-scoped object under "".
            return [.. _items.Where(item => string.Equals(item.Key.Namespace ?? string.Empty, @namespace, StringComparison.Ordinal)).Select(item => item.Value)];
        }
    }

    /// <summary>
    /// Adds an index: <paramref name="indexer"/> returns the values an object is found under (none is fine).
    /// Existing objects are indexed at once. See <see cref="ObjectIndexers"/> for common indexers.
    /// </summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexer)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(indexer);
        lock (_gate)
        {
            if (!_indexes.TryAdd(name, new Index(indexer)))
            {
                throw new ArgumentException($"the store already has an index named '{name}'", nameof(name));
            }

            foreach (var (key, item) in _items)
            {
                _indexes[name].Add(key, item);
            }
        }
    }

    /// <summary>The cached objects that <paramref name="indexName"/> files under <paramref name="value"/>.</summary>
    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_gate)
        {
            if (!_indexes.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"the store has no index named '{indexName}'", nameof(indexName));
            }

            return index.Keys(value).Select(key => _items[key]).ToList();
        }
    }

    /// <summary>Inserts or replaces <paramref name="item"/>; returns the object it replaced, or null.</summary>
    internal T? Upsert(T item)
    {
        var key = ObjectKey.Of(item);
        lock (_gate)
        {
            var old = RemoveLocked(key);
            _items[key] = item;
            foreach (var index in _indexes.Values)
            {
                index.Add(key, item);
            }

            return old;
        }
    }

    /// <summary>Removes the object with <paramref name="key"/>; returns it, or null when absent.</summary>
    internal T? Remove(ObjectKey key)
    {
        lock (_gate)
        {
            return RemoveLocked(key);
        }
    }

    /// <summary>
    /// Replaces the whole content with <paramref name="items"/> at once (a relist) and reports what changed:
    /// new objects, objects whose resourceVersion changed (old, new), and objects that vanished.
    /// </summary>
    internal StoreDelta<T> Replace(IReadOnlyList<T> items)
    {
        var added = new List<T>();
        var updated = new List<(T Old, T New)>();
        lock (_gate)
        {
            var vanished = new Dictionary<ObjectKey, T>(_items);
            _items.Clear();
            foreach (var index in _indexes.Values)
            {
                index.Clear();
            }

            foreach (var item in items)
            {
                var key = ObjectKey.Of(item);
                _items[key] = item;
                foreach (var index in _indexes.Values)
                {
                    index.Add(key, item);
                }

                if (!vanished.Remove(key, out var old))
                {
                    added.Add(item);
                }
                else if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
                {
                    updated.Add((old, item));
                }
            }

            return new StoreDelta<T>(added, updated, [.. vanished.Values]);
        }
    }

    private T? RemoveLocked(ObjectKey key)
    {
        if (!_items.Remove(key, out var old))
        {
            return null;
        }

        foreach (var index in _indexes.Values)
        {
            index.Remove(key, old);
        }

        return old;
    }

    // One secondary index: value -> keys. Rebuilt per object on every write, so indexers must be pure.
    private sealed class Index(Func<T, IEnumerable<string>> indexer)
    {
        private readonly Dictionary<string, KeySet> _byValue = new(StringComparer.Ordinal);

        public IEnumerable<ObjectKey> Keys(string value) => _byValue.TryGetValue(value, out var keys) ? keys.All() : Enumerable.Empty<ObjectKey>();

        public void Add(ObjectKey key, T item)
        {
            foreach (var value in indexer(item))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_byValue, value, out _).Add(key);
            }
        }

        public void Remove(ObjectKey key, T item)
        {
            foreach (var value in indexer(item))
            {
                ref var keys = ref CollectionsMarshal.GetValueRefOrNullRef(_byValue, value);
                if (!Unsafe.IsNullRef(ref keys) && keys.Remove(key) && keys.IsEmpty)
                {
                    _byValue.Remove(value);
                }
            }
        }

        public void Clear() => _byValue.Clear();
    }

    // The keys filed under one index value. Most values name one object (a child's owner uid: one child of each kind
    // per model), so one key is held inline and a set exists only from the second key on: a set per value cost about
    // 250 bytes, 1 KiB per model across the owner indexes.
    private struct KeySet
    {
        private ObjectKey _one; // default (Name null) when empty or when _many holds the keys
        private HashSet<ObjectKey>? _many;

        public readonly bool IsEmpty => _many is null && _one.Name is null;

        public void Add(ObjectKey key)
        {
            if (_many is not null)
            {
                _many.Add(key);
            }
            else if (_one.Name is null)
            {
                _one = key;
            }
            else if (_one != key)
            {
                _many = [_one, key];
                _one = default;
            }
        }

        public bool Remove(ObjectKey key)
        {
            if (_many is not null)
            {
                if (!_many.Remove(key))
                {
                    return false;
                }

                if (_many.Count == 0)
                {
                    _many = null;
                }

                return true;
            }

            if (_one.Name is null || _one != key)
            {
                return false;
            }

            _one = default;
            return true;
        }

        public readonly IEnumerable<ObjectKey> All() => _many ?? (_one.Name is null ? Enumerable.Empty<ObjectKey>() : Enumerable.Repeat(_one, 1));
    }
}
