using Prometheus;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// RuntimeMetrics holds the Prometheus series the controller runtime owns: work queue depth and retries, and the
/// reconcile counters the controller records. Tests pass their own <see cref="CollectorRegistry"/> so series do not
/// leak between tests; production code uses <see cref="Default"/> (the process-wide registry served on /metrics).
/// </summary>
public sealed class RuntimeMetrics
{
    /// <summary>Reconcile result label: the reconcile returned Done.</summary>
    public const string ResultSuccess = "success";

    /// <summary>Reconcile result label: the reconcile asked to run again after a delay.</summary>
    public const string ResultRequeue = "requeue";

    /// <summary>Reconcile result label: the reconcile threw (transient failure, retried with backoff).</summary>
    public const string ResultError = "error";

    /// <summary>Reconcile result label: the reconcile was cancelled because the workers stopped (e.g. leadership lost).</summary>
    public const string ResultCanceled = "canceled";

    private static readonly Lazy<RuntimeMetrics> Shared = new(() => new RuntimeMetrics(Metrics.DefaultRegistry));

    private readonly Gauge _queueDepth;
    private readonly Counter _queueRetries;
    private readonly Counter _reconcileTotal;
    private readonly Histogram _reconcileDuration;

    /// <summary>Creates the series in <paramref name="registry"/>.</summary>
    public RuntimeMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        _queueDepth = factory.CreateGauge(
            "aiguard_workqueue_depth", "Keys waiting in the work queue (not counting delayed or in-flight keys).",
            new GaugeConfiguration { LabelNames = ["name"] });
        _queueRetries = factory.CreateCounter(
            "aiguard_workqueue_retries_total", "Keys re-queued with per-key backoff after a failure.",
            new CounterConfiguration { LabelNames = ["name"] });
        _reconcileTotal = factory.CreateCounter(
            "aiguard_reconcile_total", "Reconciles by result: success, requeue, error or canceled.",
            new CounterConfiguration { LabelNames = ["result"] });
        _reconcileDuration = factory.CreateHistogram(
            "aiguard_reconcile_duration_seconds", "Wall-clock time of one reconcile.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
    }

    /// <summary>The metrics on the process-wide registry (what the operator's /metrics endpoint serves).</summary>
    public static RuntimeMetrics Default => Shared.Value;

    /// <summary>Records the current depth of the queue called <paramref name="queueName"/>.</summary>
    public void SetQueueDepth(string queueName, int depth) => _queueDepth.WithLabels(queueName).Set(depth);

    /// <summary>Counts one rate-limited re-queue on the queue called <paramref name="queueName"/>.</summary>
    public void CountRetry(string queueName) => _queueRetries.WithLabels(queueName).Inc();

    /// <summary>Records one finished reconcile with its result label (one of the Result* constants) and duration.</summary>
    public void RecordReconcile(string result, TimeSpan duration)
    {
        _reconcileTotal.WithLabels(result).Inc();
        _reconcileDuration.Observe(duration.TotalSeconds);
    }
}
