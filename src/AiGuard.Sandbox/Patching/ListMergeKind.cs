namespace AiGuard.Sandbox.Patching;

/// <summary>How a list field merges in strategic merge patch and server-side apply.</summary>
public enum ListMergeKind
{
    /// <summary>The list is one value: a patch or apply replaces it whole.</summary>
    Atomic,

    /// <summary>A list of objects identified by a key field (<c>containers</c> by <c>name</c>).</summary>
    Map,

    /// <summary>A list of distinct primitive values merged as a set (<c>metadata.finalizers</c>).</summary>
    Set,
}
