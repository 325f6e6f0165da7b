namespace AiGuard.Operator.Runtime;

/// <summary>InformerOptions configures an <see cref="Informer{T}"/>; the defaults follow client-go's reflector.</summary>
public sealed record InformerOptions
{
    /// <summary>Name used in logs (default: the object type's name).</summary>
    public string? Name { get; init; }

    /// <summary>Namespace to cache; null (default) caches all namespaces.</summary>
    public string? Namespace { get; init; }

    /// <summary>
    /// Label selector for LIST and WATCH, e.g. <c>app.kubernetes.io/managed-by=aiguard-operator</c> for children,
    /// so memory stays proportional to what the operator owns. Null caches everything.
    /// </summary>
    public string? LabelSelector { get; init; }

    /// <summary>LIST page size (default 500, like kubectl and client-go).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// Shortest server-side watch timeout (default 5 min). Each watch picks a random timeout between this and
    /// <see cref="MaxWatchTimeout"/> so that many informers do not reconnect in lockstep.
    /// </summary>
    public TimeSpan MinWatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest server-side watch timeout (default 10 min).</summary>
    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>First retry delay after an error (default 0.8 s), doubling per consecutive error.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Longest retry delay (default 30 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Random extra share added to each retry delay (default 0.2: up to +20 %), so clients spread out.</summary>
    public double BackoffJitter { get; init; } = 0.2;

    /// <summary>
    /// A watch that ends cleanly sooner than this without delivering any event counts as a failure (backoff), so a
    /// server that closes watches at once is not hammered (default 1 s).
    /// </summary>
    public TimeSpan MinHealthyWatch { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Source of jitter and watch timeouts (tests may seed it).</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>
    /// Whether the store keeps a namespace index (default true). A cache nobody lists by namespace (the children,
    /// found by owner uid or name) turns it off: the index's per-namespace sets cost about 50 bytes per object, and
    /// <see cref="ObjectStore{T}.List(string)"/> still answers, by scanning the store.
    /// </summary>
    public bool IndexNamespaces { get; init; } = true;
}
