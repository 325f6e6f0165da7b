using System.Text.Json.Nodes;
using AiGuard.Sandbox.Handlers;
using AiGuard.Sandbox.Limits;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Storage;

/// <summary>
/// All objects of one group/resource, with the retained event history and the open watches.
/// One lock per store: a write decides and commits under it, so events leave in resourceVersion order;
/// readers and watchers share immutable <see cref="StoredObject"/>s and never block writers for long.
/// </summary>
internal sealed class ResourceStore
{
    private readonly object gate = new();
    private readonly Dictionary<string, StoredObject> objects = new(StringComparer.Ordinal);
    private readonly Queue<WatchEvent> history = new();
    private readonly List<WatchSubscription> watchers = [];
    private readonly ObjectStorage storage;
    private long oldestAvailable;

    public ResourceStore(string storageKey, ObjectStorage storage)
    {
        StorageKey = storageKey;
        this.storage = storage;
    }

    public string StorageKey { get; }

    public int WatcherCount
    {
        get
        {
            lock (gate)
            {
                return watchers.Count;
            }
        }
    }

    public StoredObject? Get(string key)
    {
        lock (gate)
        {
            return objects.GetValueOrDefault(key);
        }
    }

    /// <summary>The objects (optionally of one namespace) and the resourceVersion the snapshot is consistent with.</summary>
    public (List<StoredObject> Items, long ResourceVersion) Snapshot(string? ns)
    {
        lock (gate)
        {
            var items = string.IsNullOrEmpty(ns)
                ? objects.Values.ToList()
                : objects.Values.Where(o => o.Namespace == ns).ToList();
            return (items, storage.Clock.Current);
        }
    }

    /// <summary>
    /// The objects as they were at <paramref name="resourceVersion"/>, rebuilt by undoing retained events
    /// (consistent continue pages and resourceVersionMatch=Exact); 410 Expired when that history is gone.
    /// </summary>
    public (List<StoredObject> Items, long ResourceVersion) SnapshotAt(long resourceVersion, string? ns)
    {
        lock (gate)
        {
            if (resourceVersion < oldestAvailable)
            {
                throw ApiException.Expired($"too old resource version: {resourceVersion} ({oldestAvailable})");
            }

            var state = new Dictionary<string, StoredObject>(objects, StringComparer.Ordinal);
            foreach (var e in history.Reverse().TakeWhile(e => e.ResourceVersion > resourceVersion))
            {
                if (e.Type == WatchEventType.Added)
                {
                    state.Remove(e.Object!.Key);
                }
                else if (e.Previous is not null)
                {
                    state[e.Previous.Key] = e.Previous;
                }
            }

            var items = string.IsNullOrEmpty(ns) ? state.Values.ToList() : state.Values.Where(o => o.Namespace == ns).ToList();
            return (items, resourceVersion);
        }
    }

    public bool AnyInNamespace(string ns)
    {
        lock (gate)
        {
            return objects.Values.Any(o => o.Namespace == ns);
        }
    }

    /// <summary>The oldest resourceVersion a watch or continue token may still start from.</summary>
    public long OldestAvailable
    {
        get
        {
            lock (gate)
            {
                return oldestAvailable;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="decide"/> on the current object under the store lock and commits its decision:
    /// assigns the next resourceVersion, serializes once, records history and feeds watchers.
    /// </summary>
    public WriteResult Write(string key, Func<StoredObject?, WriteDecision> decide, bool dryRun = false)
    {
        lock (gate)
        {
            var current = objects.GetValueOrDefault(key);
            var decision = decide(current);
            switch (decision.Action)
            {
                case WriteAction.None:
                    return new WriteResult(WriteAction.None, current, current ?? throw new InvalidOperationException("no-op write of a missing object"));
                case WriteAction.Put when dryRun:
                    return new WriteResult(WriteAction.Put, current, StoredObject.From(decision.Object!, current?.ResourceVersion ?? 0));
                case WriteAction.Remove when dryRun:
                    return new WriteResult(WriteAction.Remove, current, StoredObject.From(decision.Object!, current?.ResourceVersion ?? 0));
            }

            var obj = decision.Object!;
            var rv = storage.Clock.Next();
            obj.GetOrAddObject("metadata")["resourceVersion"] = rv.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var stored = StoredObject.From(obj, rv);
            if (decision.Action == WriteAction.Put && stored.Json.Length > ApiLimits.MaxObjectBytes)
            {
                // etcd refuses the write; the resourceVersion taken above stays unused, as revisions may have gaps.
                throw ApiException.RequestEntityTooLarge("etcdserver: request is too large");
            }

            WatchEventType type;
            if (decision.Action == WriteAction.Put)
            {
                objects[key] = stored;
                storage.TrackOwners(current, stored);
                type = current is null ? WatchEventType.Added : WatchEventType.Modified;
                if (current is null)
                {
                    storage.IndexUid(stored.Uid, StorageKey, key);
                }
            }
            else
            {
                objects.Remove(key);
                storage.TrackOwners(current, null);
                storage.UnindexUid(stored.Uid);
                type = WatchEventType.Deleted;
            }

            Publish(new WatchEvent(type, stored, current, rv));
            return new WriteResult(decision.Action, current, stored);
        }
    }

    private void Publish(WatchEvent e)
    {
        history.Enqueue(e);
        while (history.Count > storage.HistorySize)
        {
            oldestAvailable = history.Dequeue().ResourceVersion;
        }

        foreach (var watcher in watchers)
        {
            watcher.Offer(e);
        }
    }

    /// <summary>
    /// Opens a watch. From a resourceVersion: replays retained events after it (410 Expired if they are gone).
    /// Without one: current objects as ADDED first, then an initial-events-end bookmark when asked.
    /// </summary>
    public WatchSubscription Subscribe(long? fromResourceVersion, bool initialEventsEndBookmark, int maxBacklog)
    {
        WatchSubscription? subscription = null;
        subscription = new WatchSubscription(s => Unsubscribe(s), maxBacklog);
        lock (gate)
        {
            if (fromResourceVersion is { } from)
            {
                if (from < oldestAvailable)
                {
                    subscription.Close();
                    throw ApiException.Expired($"too old resource version: {from} ({oldestAvailable})");
                }

                foreach (var e in history)
                {
                    if (e.ResourceVersion > from)
                    {
                        subscription.Offer(e);
                    }
                }
            }
            else
            {
                foreach (var o in objects.Values.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    subscription.Offer(new WatchEvent(WatchEventType.Added, o, null, o.ResourceVersion));
                }

                if (initialEventsEndBookmark)
                {
                    subscription.Offer(new WatchEvent(WatchEventType.Bookmark, null, null, storage.Clock.Current, InitialEventsEnd: true));
                }
            }

            watchers.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Queues a bookmark whose resourceVersion covers every event this store has already published.</summary>
    public void Bookmark(WatchSubscription subscription)
    {
        lock (gate)
        {
            subscription.Offer(new WatchEvent(WatchEventType.Bookmark, null, null, storage.Clock.Current));
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (gate)
        {
            watchers.Remove(subscription);
        }
    }

    /// <summary>Forgets the history up to <paramref name="resourceVersion"/>, so older watches and continues get 410.</summary>
    public void Compact(long resourceVersion)
    {
        lock (gate)
        {
            history.Clear();
            oldestAvailable = Math.Max(oldestAvailable, resourceVersion);
        }
    }

    public void CloseWatchers()
    {
        lock (gate)
        {
            foreach (var watcher in watchers)
            {
                watcher.Close();
            }
        }
    }

    /// <summary>The current object parsed privately, or null.</summary>
    public JsonObject? ParseCurrent(string key) => Get(key)?.Parse();
}
