namespace AiGuard.Operator.Runtime;

/// <summary>
/// ReconcileResult is what a reconcile returns when it did not throw: <see cref="Done"/>, or run again after a delay
/// (<see cref="RequeueAfter"/>), e.g. at the next GuardException expiry or sealing-key renewal. A thrown exception
/// means a transient failure and is retried with per-key backoff.
/// </summary>
public sealed record ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueDelay) => RequeueDelay = requeueDelay;

    /// <summary>The object is in its desired state; nothing to do until it or something it watches changes.</summary>
    public static ReconcileResult Done { get; } = new((TimeSpan?)null);

    /// <summary>When set, reconcile the key again after this delay (the earliest pending time wins).</summary>
    public TimeSpan? RequeueDelay { get; }

    /// <summary>Reconcile again after <paramref name="delay"/> (must be positive).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "a requeue delay must be positive");
        }

        return new ReconcileResult(delay);
    }
}
