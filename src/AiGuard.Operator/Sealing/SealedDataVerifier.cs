using System.Diagnostics.CodeAnalysis;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine;
using AiGuard.Sealing;

namespace AiGuard.Operator.Sealing;

/// <summary>
/// SealedDataVerifier opens <c>spec.secrets[].sealedData</c> values with the cluster's key ring for the engine
/// (verdicts for AIG-SEC-03) and the planner (plaintexts for child Secrets). Unsealing costs an RSA-4096 private-key
/// operation (15-20 ms), so every result is remembered per (sealed text, location) in a bounded LRU cache and a
/// steady-state reconcile unseals nothing. Verdicts say why a value does not open and never contain secret material.
/// When the ring changes, results that depend on it are forgotten: plaintexts of keys no longer held and
/// unknown-key failures (a new key may now open them).
/// </summary>
public sealed class SealedDataVerifier : ISealedDataVerifier
{
    /// <summary>Default number of remembered results: a few thousand sealed values.</summary>
    public const int DefaultCapacity = 4096;

    /// <summary>Default budget for remembered plaintexts: 64 MiB.</summary>
    public const long DefaultMaxCachedBytes = 64L * 1024 * 1024;

    private readonly Func<KeyRing> _ring;
    private readonly OpenedValueCache _cache;
    private readonly Lock _ringGate = new();
    private IReadOnlyList<SealingKeyPair>? _seenKeys;
    private long _unseals;

    /// <summary>Creates a verifier over a fixed key ring.</summary>
    public SealedDataVerifier(KeyRing ring, int capacity = DefaultCapacity, long maxCachedBytes = DefaultMaxCachedBytes)
        : this(RequireRing(ring), capacity, maxCachedBytes)
    {
    }

    /// <summary>Creates a verifier over the current key ring of a source that may replace its ring (<see cref="SealingKeyStore.Ring"/>).</summary>
    /// <param name="ring">Returns the ring to use now; called on every lookup.</param>
    /// <param name="capacity">Most results remembered (0 disables the cache).</param>
    /// <param name="maxCachedBytes">Most plaintext bytes remembered.</param>
    public SealedDataVerifier(Func<KeyRing> ring, int capacity = DefaultCapacity, long maxCachedBytes = DefaultMaxCachedBytes)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCachedBytes);
        _ring = ring;
        _cache = new OpenedValueCache(capacity, maxCachedBytes);
    }

    /// <summary>Unseal attempts that reached the key ring so far (cache misses); for metrics and tests.</summary>
    public long Unseals => Interlocked.Read(ref _unseals);

    /// <summary>Number of remembered results.</summary>
    public int CachedResults => _cache.Count;

    /// <inheritdoc />
    public SealedDataVerdict Verify(string @namespace, string modelDeployment, string secretName, string key, string sealedValue) =>
        Open(@namespace, modelDeployment, secretName, sealedValue, copyValue: false).Verdict;

    /// <summary>Opens one value of <c>spec.secrets[secretName].sealedData[key]</c>.</summary>
    /// <param name="value">The plaintext, a copy owned by the caller (zero it when done); null when it does not open.</param>
    /// <returns>True when the value opens at this location.</returns>
    public bool TryOpen(string @namespace, string modelDeployment, string secretName, string key, string sealedText, [NotNullWhen(true)] out byte[]? value)
    {
        var result = Open(@namespace, modelDeployment, secretName, sealedText, copyValue: true);
        value = result.Value;
        return result.Verdict.Opens && value is not null;
    }

    /// <summary>
    /// Opens the sealed secrets of a ModelDeployment in the shape <c>Planner.Plan</c> takes: secret name, then key,
    /// then plaintext. A secret is present only when every one of its keys opened; partly opened secrets are left
    /// out (the engine's verdicts say why). The byte arrays are copies owned by the caller.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> OpenSecrets(ModelDeployment model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var @namespace = string.IsNullOrEmpty(model.Metadata?.NamespaceProperty) ? "default" : model.Metadata.NamespaceProperty;
        var name = model.Metadata?.Name ?? "";
        var opened = new Dictionary<string, IReadOnlyDictionary<string, byte[]>>(StringComparer.Ordinal);
        foreach (var secret in model.Spec?.Secrets ?? [])
        {
            if (secret?.SealedData is not { } sealedData || opened.ContainsKey(secret.Name))
            {
                continue;
            }

            var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (key, sealedText) in sealedData)
            {
                if (!TryOpen(@namespace, name, secret.Name, key, sealedText ?? "", out var value))
                {
                    break;
                }

                values[key] = value;
            }

            if (values.Count == sealedData.Count)
            {
                opened[secret.Name] = values;
            }
            else
            {
                foreach (var partial in values.Values)
                {
                    System.Security.Cryptography.CryptographicOperations.ZeroMemory(partial);
                }
            }
        }

        return opened;
    }

    private OpenedValueCache.Result Open(string @namespace, string modelDeployment, string secretName, string sealedText, bool copyValue)
    {
        SealingScope location;
        try
        {
            location = SealingScope.Strict(@namespace, modelDeployment, secretName);
        }
        catch (SealingException e)
        {
            // The spec's own validation reports bad names; this only explains why the value cannot be checked.
            return new(new SealedDataVerdict(null, $"cannot be opened at this location: {e.Message}"), null);
        }

        var ring = _ring();
        ForgetWhatRingChanged(ring);

        // Read before unsealing: if the ring changes meanwhile, this result (made with the old ring) is not kept.
        var epoch = _cache.Epoch;
        var cacheKey = OpenedValueCache.KeyFor(location, sealedText ?? "");
        if (_cache.TryGet(cacheKey, copyValue, out var cached))
        {
            return cached;
        }

        return _cache.Add(cacheKey, Unseal(ring, sealedText ?? "", location), copyValue, epoch);
    }

    private OpenedValueCache.Entry Unseal(KeyRing ring, string sealedText, SealingScope location)
    {
        Interlocked.Increment(ref _unseals);
        string? keyId = null;
        try
        {
            var parsed = SealedValue.Parse(sealedText);
            keyId = parsed.KeyId;
            var value = new Unsealer(ring).Unseal(parsed, location);
            return new OpenedValueCache.Entry(new SealedDataVerdict(keyId, null), value, null);
        }
        catch (SealingException e)
        {
            return new OpenedValueCache.Entry(new SealedDataVerdict(e.KeyId ?? keyId, Explain(e)), null, e.Reason);
        }
    }

    // Library messages never hold secret material; the leading words let a reader sort failures at a glance.
    private static string Explain(SealingException e) => e.Reason switch
    {
        SealingFailure.UnknownKey => $"unknown sealing key {e.KeyId}: {e.Message}",
        SealingFailure.WrongScope => $"sealed for another scope: {e.Message}",
        SealingFailure.Tampered => $"tampered: {e.Message}",
        SealingFailure.Malformed => $"malformed: {e.Message}",
        SealingFailure.UnsupportedVersion => $"unsupported envelope version: {e.Message}",
        _ => $"{e.Reason}: {e.Message}",
    };

    private void ForgetWhatRingChanged(KeyRing ring)
    {
        var keys = ring.Keys;
        if (ReferenceEquals(keys, Volatile.Read(ref _seenKeys)))
        {
            return;
        }

        lock (_ringGate)
        {
            if (ReferenceEquals(keys, _seenKeys))
            {
                return;
            }

            var held = keys.Select(k => k.KeyId).ToHashSet(StringComparer.Ordinal);
            _cache.RemoveWhere(entry =>
                entry.Failure == SealingFailure.UnknownKey
                || (entry.Verdict.KeyId is { } id && !held.Contains(id)));
            Volatile.Write(ref _seenKeys, keys);
        }
    }

    private static Func<KeyRing> RequireRing(KeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return () => ring;
    }
}
