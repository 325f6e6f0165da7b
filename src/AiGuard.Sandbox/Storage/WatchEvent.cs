namespace AiGuard.Sandbox.Storage;

/// <summary>The kinds of watch events, named as on the wire.</summary>
internal enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
}

/// <summary>
/// One change in a store. <see cref="Previous"/> lets a filtered watcher turn a MODIFIED that leaves its
/// selector into DELETED (and one that enters it into ADDED), as the real server does.
/// </summary>
internal sealed record WatchEvent(WatchEventType Type, StoredObject? Object, StoredObject? Previous, long ResourceVersion, bool InitialEventsEnd = false)
{
    public static string WireName(WatchEventType type) => type switch
    {
        WatchEventType.Added => "ADDED",
        WatchEventType.Modified => "MODIFIED",
        WatchEventType.Deleted => "DELETED",
        _ => "BOOKMARK",
    };
}
