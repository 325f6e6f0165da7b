using System.Collections.Concurrent;
using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Runtime;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// EventRecorder writes events.k8s.io/v1 Events about ModelDeployments and the objects the operator writes for a
/// namespace (reportingController aiguard-operator),
/// aggregated: the same reason and note for the same object is written at most once per dedupe window, so a model
/// that stays blocked does not produce an event storm. Event writes are best effort: a failure is logged, never
/// fails a reconcile. Notes must never carry secret material (callers pass verdict texts only).
/// </summary>
public sealed class EventRecorder(ObjectCreator creator, string reportingInstance, TimeSpan window, TimeProvider time, ILogger logger)
{
    /// <summary>Event type for expected operations.</summary>
    public const string Normal = "Normal";

    /// <summary>Event type for problems a human should look at.</summary>
    public const string Warning = "Warning";

    private const int MaxNote = 1024;
    private static readonly ApiResource EventsResource = ApiResource.For<Eventsv1Event>();
    private readonly ConcurrentDictionary<(string Uid, string Reason, string Note), DateTimeOffset> _recent = new();
    private long _written;

    /// <summary>Events written so far (for tests and metrics).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Records an event about <paramref name="model"/> unless the same one was written within the window.</summary>
    public Task RecordAsync(ModelDeployment model, string type, string reason, string action, string note, CancellationToken cancellationToken) =>
        RecordAsync(new V1ObjectReference
        {
            ApiVersion = ApiGroup.GroupVersion,
            Kind = ModelDeployment.KubeKind,
            Name = model.Metadata.Name,
            NamespaceProperty = model.Metadata.NamespaceProperty ?? "default",
            Uid = model.Metadata.Uid,
            ResourceVersion = model.Metadata.ResourceVersion,
        }, type, reason, action, note, cancellationToken);

    /// <summary>
    /// Records an event about the namespaced object <paramref name="regarding"/> (in its namespace) unless the same one
    /// was written within the window.
    /// </summary>
    public async Task RecordAsync(V1ObjectReference regarding, string type, string reason, string action, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        var now = time.GetUtcNow();
        var ns = regarding.NamespaceProperty ?? "default";
        var uid = regarding.Uid ?? $"{ns}/{regarding.Name}";
        note = note.Length > MaxNote ? note[..MaxNote] : note;
        var key = (uid, reason, note);
        if (_recent.TryGetValue(key, out var last) && now - last < window)
        {
            return;
        }

        _recent[key] = now;
        Forget(now);
        var ev = new Eventsv1Event
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = $"{regarding.Name}.{now.ToUnixTimeMilliseconds():x}{Random.Shared.Next(0x10000):x4}",
                NamespaceProperty = ns,
            },
            EventTime = now.UtcDateTime,
            ReportingController = ApiGroup.ManagedByValue,
            ReportingInstance = reportingInstance,
            Action = action,
            Reason = reason,
            Note = note,
            Type = type,
            Regarding = regarding,
        };
        try
        {
            // The answer is not needed: ObjectCreator reads back only its metadata.
            await creator.CreateAsync(ev, EventsResource, ns, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _written);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Let the next occurrence try again rather than losing the event for a whole window.
            _recent.TryRemove(key, out _);
            logger.LogWarning("event {Reason} for {Namespace}/{Name} not written: {Error}", reason, ns, regarding.Name, ApiErrors.Describe(e));
        }
    }

    private void Forget(DateTimeOffset now)
    {
        if (_recent.Count < 4096)
        {
            return;
        }

        foreach (var (key, at) in _recent)
        {
            if (now - at >= window)
            {
                _recent.TryRemove(key, out _);
            }
        }
    }
}
