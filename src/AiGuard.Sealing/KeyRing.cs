namespace AiGuard.Sealing;

/// <summary>
/// KeyRing holds the cluster's sealing keys by id: the newest is active (its certificate is published), older
/// ones stay to open what they sealed. It owns its keys and disposes them. Reads are lock-free snapshots, so
/// workers can unseal while a renewal adds a key.
/// </summary>
public sealed class KeyRing : IDisposable
{
    /// <summary>Default age after which a new key is generated: 30 days.</summary>
    public static readonly TimeSpan DefaultRenewalInterval = TimeSpan.FromDays(30);

    private readonly Lock _gate = new();
    private volatile Snapshot _snapshot = new([], new Dictionary<string, SealingKeyPair>(StringComparer.Ordinal));

    /// <summary>Creates a ring, optionally with keys loaded from the cluster.</summary>
    public KeyRing(IEnumerable<SealingKeyPair>? keys = null)
    {
        foreach (var key in keys ?? [])
        {
            Add(key);
        }
    }

    /// <summary>All keys, newest first.</summary>
    public IReadOnlyList<SealingKeyPair> Keys => _snapshot.Newest;

    /// <summary>The key new values should be sealed with: the newest by notBefore (ties by id); null when empty.</summary>
    public SealingKeyPair? Active => _snapshot.Newest.Count > 0 ? _snapshot.Newest[0] : null;

    /// <summary>
    /// Adds a key. Adding a key whose public key is already held does nothing (the duplicate is disposed); a
    /// different key with an id already held is refused, since envelopes could not tell them apart.
    /// </summary>
    /// <returns>True when the key was added.</returns>
    /// <exception cref="SealingException"><see cref="SealingFailure.InvalidKey"/> on a key id collision.</exception>
    public bool Add(SealingKeyPair key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            var current = _snapshot;
            if (current.ById.TryGetValue(key.KeyId, out var held))
            {
                if (ReferenceEquals(held, key))
                {
                    return false;
                }

                if (held.SamePublicKey(key))
                {
                    key.Dispose();
                    return false;
                }

                throw new SealingException(
                    SealingFailure.InvalidKey,
                    $"another key with id {key.KeyId} is already in the ring (a 1 in 4 billion collision): generate a new key",
                    key.KeyId);
            }

            var byId = new Dictionary<string, SealingKeyPair>(current.ById, StringComparer.Ordinal) { [key.KeyId] = key };
            var newest = byId.Values
                .OrderByDescending(k => k.NotBefore)
                .ThenByDescending(k => k.KeyId, StringComparer.Ordinal)
                .ToArray();
            _snapshot = new Snapshot(newest, byId);
            return true;
        }
    }

    /// <summary>Finds the key with an id.</summary>
    public bool TryGet(string keyId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SealingKeyPair? key) =>
        _snapshot.ById.TryGetValue(keyId, out key);

    /// <summary>
    /// True when a new key should be generated: the ring is empty, the active key is at least
    /// <paramref name="interval"/> old (from notBefore), or its certificate has expired.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="interval">Rotation interval (default <see cref="DefaultRenewalInterval"/>).</param>
    public bool RenewalDue(DateTimeOffset now, TimeSpan? interval = null)
    {
        var next = NextRenewal(interval);
        return next is null || now >= next.Value;
    }

    /// <summary>When the next key is due (for a reconciler's RequeueAfter); null when the ring is empty (due now).</summary>
    public DateTimeOffset? NextRenewal(TimeSpan? interval = null)
    {
        var every = interval ?? DefaultRenewalInterval;
        if (every <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), "renewal interval must be positive");
        }

        var active = Active;
        if (active is null)
        {
            return null;
        }

        var byAge = active.NotBefore + every;
        return byAge < active.NotAfter ? byAge : active.NotAfter;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var key in _snapshot.Newest)
            {
                key.Dispose();
            }

            _snapshot = new Snapshot([], new Dictionary<string, SealingKeyPair>(StringComparer.Ordinal));
        }
    }

    private sealed record Snapshot(IReadOnlyList<SealingKeyPair> Newest, IReadOnlyDictionary<string, SealingKeyPair> ById);
}
