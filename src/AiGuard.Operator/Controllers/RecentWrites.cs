using System.Globalization;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// RecentWrites remembers the operator's own writes until its cache has seen them (client-go calls these
/// "expectations"). A reconcile that runs before the watch delivered the previous reconcile's write would otherwise
/// take the stale cached object for drift and write again; reading through <see cref="Freshest"/> sees the newer
/// of the cache and the write's answer, so a new ModelDeployment costs one write per child, not two.
/// </summary>
/// <remarks>
/// resourceVersions are compared as numbers, which every etcd-backed server (and the sandbox) gives; when one does not
/// parse, the cache wins as soon as it reports any event for the key. A write whose answer arrives after the cache
/// already delivered an event at least as new in the same namespace is not remembered: a watch delivers events in
/// resourceVersion order, so the cache has seen that write (and maybe its deletion); remembering it would resurrect
/// an object that is gone, for as long as nothing else happens to that name.
/// </remarks>
public sealed class RecentWrites<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ObjectKey, Entry> _entries = [];
    private readonly Dictionary<string, ulong> _newestSeen = new(StringComparer.Ordinal);

    /// <summary>A RecentWrites fed by every event of <paramref name="cache"/>, the cache the writes must show up in.</summary>
    public static RecentWrites<T> Tracking(CachedResource<T> cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var writes = new RecentWrites<T>();
        cache.AddEventHandler(new ResourceEventHandler<T>(
            OnAdd: o => writes.Observe(o, deleted: false),
            OnUpdate: (_, o) => writes.Observe(o, deleted: false),
            OnDelete: o => writes.Observe(o, deleted: true)));
        return writes;
    }

    /// <summary>Number of writes the cache has not yet caught up with.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Remembers the server's answer to a create, apply or patch.</summary>
    public void Written(T answer)
    {
        var key = ObjectKey.Of(answer);
        var version = Version(answer);
        lock (_gate)
        {
            if (version is { } v && _newestSeen.TryGetValue(key.Namespace ?? string.Empty, out var seen) && seen >= v)
            {
                _entries.Remove(key);
                return;
            }

            _entries[key] = new Entry(answer, null, version);
        }
    }

    /// <summary>Remembers that the object with <paramref name="uid"/> was deleted.</summary>
    public void Deleted(ObjectKey key, string? uid)
    {
        lock (_gate)
        {
            _entries[key] = new Entry(null, uid, null);
        }
    }

    /// <summary>The newer of <paramref name="cached"/> and the remembered write for <paramref name="key"/>.</summary>
    public T? Freshest(ObjectKey key, T? cached)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return cached;
            }

            if (entry.Written is { } written)
            {
                if (cached is not null && IsAtLeast(cached, entry.ResourceVersion))
                {
                    _entries.Remove(key);
                    return cached;
                }

                return written;
            }

            return cached is not null && cached.Metadata?.Uid == entry.DeletedUid ? null : cached;
        }
    }

    /// <summary>Feeds a cache event: entries the cache has caught up with are dropped.</summary>
    public void Observe(T obj, bool deleted)
    {
        var key = ObjectKey.Of(obj);
        lock (_gate)
        {
            if (Version(obj) is { } version)
            {
                var scope = key.Namespace ?? string.Empty;
                _newestSeen[scope] = Math.Max(version, _newestSeen.GetValueOrDefault(scope));
            }

            if (!_entries.TryGetValue(key, out var entry))
            {
                return;
            }

            var caughtUp = entry.Written is not null
                ? deleted || IsAtLeast(obj, entry.ResourceVersion)
                : deleted || obj.Metadata?.Uid != entry.DeletedUid;
            if (caughtUp)
            {
                _entries.Remove(key);
            }
        }
    }

    private static ulong? Version(T obj) =>
        ulong.TryParse(obj.Metadata?.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static bool IsAtLeast(T obj, ulong? version) => version is null || Version(obj) is not { } seen || seen >= version;

    private sealed record Entry(T? Written, string? DeletedUid, ulong? ResourceVersion);
}
