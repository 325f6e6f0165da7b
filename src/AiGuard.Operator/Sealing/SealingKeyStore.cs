using System.Net;
using AiGuard.Sealing;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiGuard.Operator.Sealing;

/// <summary>
/// SealingKeyStore is the cluster's sealing key ring: every <c>kubernetes.io/tls</c> Secret labelled
/// <c>aiguard.io/sealing-key</c> in the operator's namespace. Every replica loads it (<see cref="ReloadAsync"/>) to
/// open sealed values and serve the certificate; only the leader calls <see cref="EnsureKeysAsync"/>, which creates
/// the first key, adds a new one when the active key is due for renewal (old ones stay for opening), and publishes
/// the active certificate in the ConfigMap <c>aiguard-sealing-cert</c>. Key material is never logged.
/// </summary>
public sealed class SealingKeyStore : IDisposable
{
    /// <summary>Label that marks a Secret as a sealing key (selected by existence; the operator sets "true").</summary>
    public const string KeyLabel = "aiguard.io/sealing-key";

    /// <summary>Key Secrets are named this prefix plus the key id: <c>aiguard-sealing-key-k-3f2a9c1e</c>.</summary>
    public const string SecretNamePrefix = "aiguard-sealing-key-";

    /// <summary>The ConfigMap holding the active certificate, for <c>aiguard seal --fetch-cert</c>.</summary>
    public const string CertificateConfigMapName = "aiguard-sealing-cert";

    /// <summary>The ConfigMap key holding the certificate PEM.</summary>
    public const string CertificateConfigMapKey = "cert.pem";

    /// <summary>The ConfigMap key holding the active key id (<c>k-3f2a9c1e</c>).</summary>
    public const string CertificateConfigMapKeyIdKey = "keyId";

    /// <summary>The ConfigMap key holding the active key's fingerprint (<c>sha256:</c> + 64 hex digits).</summary>
    public const string CertificateConfigMapFingerprintKey = "fingerprint";

    // A fresh key colliding with a held id or Secret name is a 1 in 4 billion event; a few tries are plenty.
    private const int CreateAttempts = 3;

    private readonly IKubernetes _client;
    private readonly SealingOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile KeyRing _ring = new();
    private volatile string? _activeCertificatePem;
    private string? _loggedActiveKeyId;

    /// <summary>Creates a store; it holds no keys until <see cref="ReloadAsync"/> or <see cref="EnsureKeysAsync"/>.</summary>
    /// <param name="client">The Kubernetes client (needs list/get/create Secrets and get/create/update ConfigMaps in the namespace).</param>
    /// <param name="options">Namespace and renewal interval; defaults when null.</param>
    /// <param name="logger">Where key creation and unusable key Secrets are reported (by name and id only).</param>
    public SealingKeyStore(IKubernetes client, SealingOptions? options = null, ILogger<SealingKeyStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new SealingOptions();
        if (_options.RenewalInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "SealingOptions.RenewalInterval must be positive");
        }

        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Namespace = _options.ServiceAccountNamespaceFile is { } file
            ? OperatorNamespace.Resolve(_options.OperatorNamespace, file)
            : OperatorNamespace.ResolveConfigured(_options.OperatorNamespace);
    }

    /// <summary>The operator namespace the keys and the certificate ConfigMap live in.</summary>
    public string Namespace { get; }

    /// <summary>
    /// The current key ring. A reload that finds a key Secret deleted replaces the ring; a reload that only finds
    /// new keys adds them to it. Readers should ask for it each time (<c>new SealedDataVerifier(() => store.Ring)</c>).
    /// </summary>
    public KeyRing Ring => _ring;

    /// <summary>The active certificate as PEM, or null before any key exists.</summary>
    public string? ActiveCertificatePem => _activeCertificatePem;

    /// <summary>When the leader should next call <see cref="EnsureKeysAsync"/>; null when no key exists yet.</summary>
    public DateTimeOffset? NextRenewal => _ring.NextRenewal(_options.RenewalInterval);

    /// <summary>Loads every key Secret into the ring. Non-leaders call this at start and when key Secrets change.</summary>
    /// <returns>The number of keys held afterwards.</returns>
    public async Task<int> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            return _ring.Keys.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Leader only: reloads, generates a key when none exists or the active one is due (<see cref="SealingOptions.RenewalInterval"/>),
    /// stores it as a new Secret, and makes the certificate ConfigMap hold the active certificate. Steady state
    /// costs one LIST and one GET and writes nothing.
    /// </summary>
    /// <param name="now">The current time: key age and the new certificate's validity are measured from it.</param>
    public async Task<SealingKeysEnsured> EnsureKeysAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            string? created = null;
            for (var attempt = 1; _ring.RenewalDue(now, _options.RenewalInterval); attempt++)
            {
                if (attempt > CreateAttempts)
                {
                    throw new InvalidOperationException($"could not store a new sealing key in namespace {Namespace} after {CreateAttempts} attempts");
                }

                created = await CreateKeyAsync(now, cancellationToken).ConfigureAwait(false);
            }

            var active = _ring.Active!;
            var published = await PublishAsync(active, cancellationToken).ConfigureAwait(false);
            return new SealingKeysEnsured(active.KeyId, created, published, _ring.NextRenewal(_options.RenewalInterval)!.Value);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var loaded = new List<SealingKeyPair>();
        try
        {
            string? continueToken = null;
            do
            {
                var page = await _client.CoreV1.ListNamespacedSecretAsync(
                    Namespace, labelSelector: KeyLabel, continueParameter: continueToken, limit: 100,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var secret in page.Items)
                {
                    var key = SealingKeySecrets.FromSecret(secret, out var problem);
                    if (key is null)
                    {
                        _logger.LogWarning("Ignoring sealing key Secret {Namespace}/{Name}: {Problem}", Namespace, secret.Metadata?.Name, problem);
                        continue;
                    }

                    loaded.Add(key);
                }

                continueToken = page.Metadata?.ContinueProperty;
            }
            while (!string.IsNullOrEmpty(continueToken));
        }
        catch
        {
            loaded.ForEach(k => k.Dispose());
            throw;
        }

        Merge(loaded);
    }

    // Adding to the live ring keeps cached results and in-flight unseals valid. Only when a key Secret was deleted
    // does a new ring replace it; the old one is left to the garbage collector rather than disposed, because a
    // worker may be unsealing with it right now.
    private void Merge(List<SealingKeyPair> loaded)
    {
        var loadedIds = loaded.Select(k => k.KeyId).ToHashSet(StringComparer.Ordinal);
        var current = _ring;
        var removed = current.Keys.Where(k => !loadedIds.Contains(k.KeyId)).Select(k => k.KeyId).ToList();
        var target = removed.Count > 0 ? new KeyRing() : current;
        foreach (var key in loaded)
        {
            try
            {
                if (target.Add(key))
                {
                    _logger.LogInformation("Loaded sealing key {KeyId} (valid {NotBefore:u} to {NotAfter:u})", key.KeyId, key.NotBefore, key.NotAfter);
                }
            }
            catch (SealingException e)
            {
                _logger.LogWarning("Ignoring sealing key {KeyId}: {Problem}", key.KeyId, e.Message);
                key.Dispose();
            }
        }

        if (removed.Count > 0)
        {
            _logger.LogWarning("Sealing keys {KeyIds} were deleted from namespace {Namespace}; values they sealed no longer open", string.Join(", ", removed), Namespace);
            _ring = target;
        }

        _activeCertificatePem = _ring.Active?.ExportCertificatePem();
        LogActiveKey();
    }

    /// <summary>Logs the active key once per change (start, rotation), so an admin can hand its id to sealers.</summary>
    private void LogActiveKey()
    {
        var active = _ring.Active;
        if (active is null || active.KeyId == _loggedActiveKeyId)
        {
            return;
        }

        _loggedActiveKeyId = active.KeyId;
        _logger.LogInformation("Active sealing key {KeyId}, fingerprint {Fingerprint} (pin it with aiguard seal --key-id)",
            active.KeyId, SealingKeyFingerprint.Of(active.Certificate));
    }

    private async Task<string?> CreateKeyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // RSA-4096 generation takes a second or more; keep it off the caller's thread.
        var key = await Task.Run(() => SealingKeyPair.Create(_options.KeyOptions, new FixedClock(now)), cancellationToken).ConfigureAwait(false);
        if (_ring.TryGet(key.KeyId, out _))
        {
            key.Dispose();
            return null;
        }

        try
        {
            await _client.CoreV1.CreateNamespacedSecretAsync(SealingKeySecrets.ToSecret(key, Namespace), Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            // A Secret of that name appeared since we listed (another leader, or an id collision): look again.
            key.Dispose();
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch
        {
            key.Dispose();
            throw;
        }

        _ring.Add(key);
        _activeCertificatePem = _ring.Active?.ExportCertificatePem();
        _logger.LogInformation("Created sealing key {KeyId} in Secret {Namespace}/{Name}, valid until {NotAfter:u}", key.KeyId, Namespace, SecretNamePrefix + key.KeyId, key.NotAfter);
        LogActiveKey();
        return key.KeyId;
    }

    private async Task<bool> PublishAsync(SealingKeyPair active, CancellationToken cancellationToken)
    {
        var pem = active.ExportCertificatePem();
        V1ConfigMap? existing;
        try
        {
            existing = await _client.CoreV1.ReadNamespacedConfigMapAsync(CertificateConfigMapName, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            existing = null;
        }

        if (existing is null)
        {
            await _client.CoreV1.CreateNamespacedConfigMapAsync(SealingKeySecrets.CertificateConfigMap(Namespace, pem), Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else if (existing.Data is { } data && SealingKeySecrets.CertificateConfigMapData(pem).All(e => data.TryGetValue(e.Key, out var published) && published == e.Value))
        {
            return false;
        }
        else
        {
            // Keep whatever else the ConfigMap holds; the read resourceVersion makes a concurrent edit a 409 (retried by the caller).
            existing.Data ??= new Dictionary<string, string>();
            foreach (var (key, value) in SealingKeySecrets.CertificateConfigMapData(pem))
            {
                existing.Data[key] = value;
            }
            await _client.CoreV1.ReplaceNamespacedConfigMapAsync(existing, CertificateConfigMapName, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation("Published sealing certificate {KeyId} in ConfigMap {Namespace}/{Name}", active.KeyId, Namespace, CertificateConfigMapName);
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ring.Dispose();
        _gate.Dispose();
    }
}
