using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Waivers;
using AiGuard.Operator.Reconciliation;
using AiGuard.Operator.Runtime;
using k8s;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// GuardExceptionStatusReconciler keeps a GuardException's status current: active, how many cached ModelDeployments
/// it waives findings for, and Ready (reason Active, Expired or Invalid). An invalid or expired exception also reports
/// the kstatus abnormal-true condition Stalled with the same reason: only an edit of its spec can make it waive again,
/// so kstatus readers (Flux, kpt, cli-utils) report it Failed instead of waiting for it. It comes back at the exact
/// expiry and writes only when the status changes.
/// </summary>
public sealed class GuardExceptionStatusReconciler(OperatorCaches caches, StatusPatcher status, TimeProvider time)
{
    private readonly RecentWrites<GuardException> _writes = RecentWrites<GuardException>.Tracking(caches.GuardExceptions);

    /// <summary>Reconciles the exception named by <paramref name="key"/>.</summary>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var exception = _writes.Freshest(key, caches.GuardExceptions.Get(key.Namespace, key.Name));
        if (exception is null || exception.Metadata.DeletionTimestamp is not null || key.Namespace is null)
        {
            return ReconcileResult.Done;
        }

        var now = time.GetUtcNow();
        var errors = ExceptionValidator.Validate(exception);
        var active = errors.Count == 0 && ExceptionValidator.IsActive(exception, now);
        var names = exception.Spec?.ModelDeployments ?? [];
        var matched = !active ? 0 : caches.ModelDeployments.List(key.Namespace)
            .Count(m => names.Contains("*") || names.Contains(m.Metadata.Name));
        var conditions = new ConditionSet(exception.Status?.Conditions, exception.Metadata.Generation, now.UtcDateTime.TruncateToSeconds());
        var expiresAt = exception.Spec?.ExpiresAt;
        if (errors.Count > 0)
        {
            var message = string.Join("; ", errors);
            conditions.Set(ConditionTypes.Ready, false, "Invalid", message);
            conditions.Set(ConditionTypes.Stalled, true, "Invalid", message);
        }
        else if (active)
        {
            conditions.Set(ConditionTypes.Ready, true, "Active", $"waives {string.Join(", ", exception.Spec!.Controls)} for {matched} ModelDeployment(s) until {expiresAt:yyyy-MM-ddTHH:mm:ssZ}");
        }
        else
        {
            var message = $"expired at {expiresAt:yyyy-MM-ddTHH:mm:ssZ}; it waives nothing";
            conditions.Set(ConditionTypes.Ready, false, "Expired", message);
            conditions.Set(ConditionTypes.Stalled, true, "Expired", $"{message}; extend spec.expiresAt or delete the exception");
        }

        var composed = new GuardExceptionStatus
        {
            ObservedGeneration = exception.Metadata.Generation,
            Active = active,
            MatchedModelDeployments = matched,
            Conditions = conditions.ToList(),
        };
        if (KubernetesJson.Serialize(composed) != KubernetesJson.Serialize(exception.Status ?? new GuardExceptionStatus()))
        {
            var stored = await status.PatchNamespacedAsync<GuardException>(
                GuardException.Plural, key.Namespace, key.Name, exception.Status, composed, cancellationToken).ConfigureAwait(false);
            if (stored?.Metadata is not null)
            {
                _writes.Written(stored);
            }
        }

        if (active && expiresAt is { } expiry)
        {
            var delay = Utc(expiry) - now;
            return ReconcileResult.RequeueAfter(delay > TimeSpan.Zero ? delay + TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(1));
        }

        return ReconcileResult.Done;
    }

    private static DateTimeOffset Utc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? new DateTimeOffset(time.ToUniversalTime()) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
