using System.Collections.Immutable;

namespace AiGuard.Sandbox.Faults;

/// <summary>
/// Injects failures into the sandbox for resilience tests: failing or slowing matching requests, closing open
/// watches, and compacting the event history so clients get 410 Expired. Also reachable over HTTP at
/// <c>/sandbox/faults</c> (see docs/sandbox.md).
/// </summary>
public sealed class FaultInjector
{
    private readonly Cluster cluster;
    private readonly object gate = new();
    private ImmutableList<FaultRule> rules = [];
    private readonly Dictionary<string, int> remaining = new(StringComparer.Ordinal);
    private int nextId;
    private int expiriesLeft;
    private string? expiringResource;

    internal FaultInjector(Cluster cluster) => this.cluster = cluster;

    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref rules);

    /// <summary>Adds a rule and returns it with its assigned <see cref="FaultRule.Id"/>.</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Probability is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "Probability must be between 0 and 1.");
        }

        lock (gate)
        {
            var added = rule with { Id = "fault-" + (++nextId).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (rule.Count is { } count)
            {
                remaining[added.Id] = count;
            }

            rules = rules.Add(added);
            return added;
        }
    }

    public bool Remove(string id)
    {
        lock (gate)
        {
            var before = rules.Count;
            rules = rules.RemoveAll(r => r.Id == id);
            remaining.Remove(id);
            return rules.Count != before;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            rules = [];
            remaining.Clear();
        }
    }

    /// <summary>Ends every open watch (of one resource plural, or all); clients see the stream close and re-watch.</summary>
    public int CloseWatches(string? resource = null)
    {
        var closed = 0;
        foreach (var type in cluster.Registry.Current.StoragePreferred)
        {
            if (resource is not null && type.Plural != resource)
            {
                continue;
            }

            if (cluster.Storage.Existing(type.StorageKey) is { } store)
            {
                closed += store.WatcherCount;
                store.CloseWatchers();
            }
        }

        return closed;
    }

    /// <summary>Most requests <see cref="ExpireNext"/> may arm at once: enough for any storm, small enough to stay bounded.</summary>
    public const int MaxExpiries = 1_000_000;

    /// <summary>
    /// Answers the next <paramref name="count"/> WATCH and LIST requests (of one resource plural, or all) with 410
    /// Expired, as a real server answers a resourceVersion it no longer has: a watch gets HTTP 200 with one ERROR
    /// event, a list gets an HTTP 410 Status. Clients must relist; a 410 storm shows whether they relist boundedly.
    /// Replaces any expiry still armed. Returns how many requests are now armed.
    /// </summary>
    public int ExpireNext(int count, string? resource = null)
    {
        if (count is < 0 or > MaxExpiries)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"count must be between 0 and {MaxExpiries}, got {count}.");
        }

        lock (gate)
        {
            expiriesLeft = count;
            expiringResource = resource;
            return count;
        }
    }

    /// <summary>WATCH and LIST requests still to be answered with 410 Expired.</summary>
    public int ExpiriesLeft => Volatile.Read(ref expiriesLeft);

    /// <summary>True when this WATCH or LIST must be answered with 410 Expired (consumes one armed expiry).</summary>
    internal bool TakeExpiry(string verb, string resource)
    {
        if ((verb != "watch" && verb != "list") || Volatile.Read(ref expiriesLeft) == 0)
        {
            return false;
        }

        lock (gate)
        {
            if (expiriesLeft == 0 || (expiringResource is not null && expiringResource != resource))
            {
                return false;
            }

            expiriesLeft--;
            return true;
        }
    }

    /// <summary>Drops all retained history: watches and continue tokens from any earlier resourceVersion get 410 Expired.</summary>
    public long CompactHistory() => cluster.Storage.CompactAll();

    /// <summary>The rule that affects this request, if any (consumes one use of a counted rule).</summary>
    internal FaultRule? Match(string verb, string resource, string subresource, string? ns)
    {
        var current = Volatile.Read(ref rules);
        if (current.IsEmpty)
        {
            return null;
        }

        var full = subresource.Length > 0 ? resource + "/" + subresource : resource;
        foreach (var rule in current)
        {
            if ((rule.Verb is { Length: > 0 } v && v != verb)
                || (rule.Resource is { Length: > 0 } r && r != full && !(subresource.Length == 0 && r == resource))
                || (rule.Namespace is { Length: > 0 } n && n != ns))
            {
                continue;
            }

            if (rule.Probability < 1 && Random.Shared.NextDouble() >= rule.Probability)
            {
                continue;
            }

            lock (gate)
            {
                if (remaining.TryGetValue(rule.Id, out var left))
                {
                    if (left <= 0)
                    {
                        continue;
                    }

                    remaining[rule.Id] = left - 1;
                    if (left - 1 == 0)
                    {
                        rules = rules.RemoveAll(x => x.Id == rule.Id);
                        remaining.Remove(rule.Id);
                    }
                }
            }

            return rule;
        }

        return null;
    }
}
