using System.Collections.Concurrent;
using System.Security.Cryptography;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine;
using AiGuard.Operator.Runtime;
using k8s.Models;

namespace AiGuard.Operator.Reports;

/// <summary>
/// VerdictLedger holds the report results of the latest verdict the ModelDeployment reconciler reached for each model,
/// so the reports show exactly what the reconciler decided without evaluating a second time. It calls
/// <see cref="Changed"/> with the namespace only when a model's results change; a result's timestamp is when its
/// model's verdict last changed, so an unchanged verdict never changes a report. Whether a verdict changed is decided
/// by a SHA-256 of its timestamp-free results, not by a copy of their JSON: the JSON was about 13 KB per model, a third of
/// the operator's memory per model at scale. The results are held without their timestamp and model reference (the
/// same for every result of one verdict) and pooled, so the thousands of models with the same outcome of a control
/// share one result instead of 16 private records each; <see cref="ResultsOf"/> puts both back.
/// </summary>
public sealed class VerdictLedger
{
    private readonly ConcurrentDictionary<ObjectKey, Entry> _entries = new();
    private readonly InternPool<ReportResult> _shared = new();

    /// <summary>Called with a namespace whose results changed (a verdict changed or a model went away).</summary>
    public event Action<string>? Changed;

    /// <summary>Records the verdict the reconciler reached for <paramref name="model"/> at <paramref name="now"/>.</summary>
    public void Publish(ModelDeployment model, Assessment assessment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(model);
        var key = ObjectKey.Of(model);
        var fingerprint = Fingerprint(ModelReportResults.For(model, assessment, DateTimeOffset.UnixEpoch));
        if (_entries.TryGetValue(key, out var known) && known.Uid == model.Metadata.Uid && known.Fingerprint.AsSpan().SequenceEqual(fingerprint))
        {
            return;
        }

        var results = ModelReportResults.For(model, assessment, now);
        var first = results.Count > 0 ? results[0] : null;
        _entries[key] = new Entry(
            model.Metadata.Uid, fingerprint, first?.Timestamp, first?.Resources,
            [.. results.Select(r => _shared.Intern(r with { Timestamp = null, Resources = null }))]);
        Changed?.Invoke(key.Namespace ?? "default");
    }

    /// <summary>Drops a model that no longer exists.</summary>
    public void Forget(ModelDeployment model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var key = ObjectKey.Of(model);
        if (_entries.TryRemove(key, out _))
        {
            Changed?.Invoke(key.Namespace ?? "default");
        }
    }

    /// <summary>The results of the latest verdict on <paramref name="model"/>, or null when it has none yet (or only one for an older object of that name).</summary>
    public IReadOnlyList<ReportResult>? ResultsOf(ModelDeployment model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return _entries.TryGetValue(ObjectKey.Of(model), out var entry) && entry.Uid == model.Metadata.Uid
            ? [.. entry.Results.Select(r => r with { Timestamp = entry.Timestamp, Resources = entry.Resources })]
            : null;
    }

    private static byte[] Fingerprint(IReadOnlyList<ReportResult> results) =>
        SHA256.HashData(KubernetesJsonOptions.Utf8(results));

    // Results hold neither Timestamp nor Resources: one verdict's results share both, kept once here.
    private sealed record Entry(
        string? Uid, byte[] Fingerprint, ReportTimestamp? Timestamp, IReadOnlyList<V1ObjectReference>? Resources, ReportResult[] Results);
}
