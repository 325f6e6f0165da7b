using System.Collections.Concurrent;

namespace AiGuard.Sandbox.Storage;

/// <summary>The stores of every group/resource, the global resourceVersion clock and the uid index.</summary>
internal sealed class ObjectStorage
{
    private readonly ConcurrentDictionary<string, ResourceStore> stores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ObjectLocation> uids = new(StringComparer.Ordinal);

    public ObjectStorage(int historySize)
    {
        HistorySize = Math.Max(1, historySize);
    }

    public ResourceVersionClock Clock { get; } = new();

    public int HistorySize { get; }

    public ResourceStore For(string storageKey) => stores.GetOrAdd(storageKey, k => new ResourceStore(k, this));

    public ResourceStore? Existing(string storageKey) => stores.GetValueOrDefault(storageKey);

    public IEnumerable<ResourceStore> All => stores.Values;

    public void Drop(string storageKey)
    {
        if (stores.TryRemove(storageKey, out var store))
        {
            store.CloseWatchers();
        }
    }

    public bool UidExists(string uid) => uids.ContainsKey(uid);

    private long objectsWithOwners;

    /// <summary>True when some stored object has ownerReferences (lets garbage collection skip its scan).</summary>
    public bool AnyOwnedObjects => Interlocked.Read(ref objectsWithOwners) > 0;

    internal void TrackOwners(StoredObject? before, StoredObject? after)
    {
        var delta = (after is { OwnerUids.Count: > 0 } ? 1 : 0) - (before is { OwnerUids.Count: > 0 } ? 1 : 0);
        if (delta != 0)
        {
            Interlocked.Add(ref objectsWithOwners, delta);
        }
    }

    public ObjectLocation? Locate(string uid) => uids.TryGetValue(uid, out var location) ? location : null;

    internal void IndexUid(string uid, string storageKey, string key)
    {
        if (uid.Length > 0)
        {
            uids[uid] = new ObjectLocation(storageKey, key);
        }
    }

    internal void UnindexUid(string uid) => uids.TryRemove(uid, out _);

    /// <summary>Makes every resourceVersion handed out so far too old for watches and continue tokens.</summary>
    public long CompactAll()
    {
        var rv = Clock.Next();
        foreach (var store in stores.Values)
        {
            store.Compact(rv);
        }

        return rv;
    }
}

/// <summary>Where an object with a given uid lives.</summary>
internal sealed record ObjectLocation(string StorageKey, string Key);
