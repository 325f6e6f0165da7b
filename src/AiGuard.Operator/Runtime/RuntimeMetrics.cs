using System.Collections.Concurrent;
using Prometheus;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// RuntimeMetrics holds the Prometheus series the controller runtime owns, under controller-runtime's and client-go's
/// names, label sets and buckets so that existing controller dashboards and alerts work unchanged:
/// <c>controller_runtime_reconcile_total{controller,result}</c>, <c>controller_runtime_reconcile_errors_total</c>,
/// <c>controller_runtime_reconcile_time_seconds</c>, <c>controller_runtime_active_workers</c>,
/// <c>controller_runtime_max_concurrent_reconciles</c> and the <c>workqueue_*</c> family labelled
/// <c>name</c> and <c>controller</c> (both the queue's name, as controller-runtime sets them).
/// Tests pass their own <see cref="CollectorRegistry"/> so series do not leak between tests; production code uses
/// <see cref="Default"/> (the process-wide registry served on /metrics).
/// </summary>
public sealed class RuntimeMetrics
{
    /// <summary>Reconcile result label: the reconcile returned Done.</summary>
    public const string ResultSuccess = "success";

    /// <summary>
    /// Reconcile result label: the key was queued again at once without a delay. Here that is a reconcile cancelled
    /// because the workers stopped (leadership lost or shutdown): the key waits for the next leader.
    /// </summary>
    public const string ResultRequeue = "requeue";

    /// <summary>Reconcile result label: the reconcile asked to run again after a delay (RequeueAfter).</summary>
    public const string ResultRequeueAfter = "requeue_after";

    /// <summary>Reconcile result label: the reconcile threw (transient failure, retried with backoff).</summary>
    public const string ResultError = "error";

    // controller-runtime's reconcile_time_seconds buckets: fine below a second, coarse up to a minute.
    private static readonly double[] ReconcileBuckets =
    [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ];

    // client-go's workqueue buckets: 10 ns to 1000 s, a factor of 10 apart.
    private static readonly double[] QueueBuckets = Histogram.ExponentialBuckets(10e-9, 10, 12);

    private static readonly Lazy<RuntimeMetrics> Shared = new(() => new RuntimeMetrics(Metrics.DefaultRegistry));

    private readonly ConcurrentDictionary<WorkQueueMetrics, Func<(double UnfinishedSeconds, double LongestSeconds)>> _inFlight = new();

    /// <summary>Creates the series in <paramref name="registry"/>.</summary>
    public RuntimeMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        string[] controller = ["controller"];
        string[] queue = ["name", "controller"];
        ReconcileTotal = factory.CreateCounter(
            "controller_runtime_reconcile_total", "Total number of reconciliations per controller",
            new CounterConfiguration { LabelNames = ["controller", "result"] });
        ReconcileErrors = factory.CreateCounter(
            "controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller",
            new CounterConfiguration { LabelNames = controller });
        ReconcileTime = factory.CreateHistogram(
            "controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller",
            new HistogramConfiguration { LabelNames = controller, Buckets = ReconcileBuckets });
        MaxConcurrentReconciles = factory.CreateGauge(
            "controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller",
            new GaugeConfiguration { LabelNames = controller });
        ActiveWorkers = factory.CreateGauge(
            "controller_runtime_active_workers", "Number of currently used workers per controller",
            new GaugeConfiguration { LabelNames = controller });

        QueueDepth = factory.CreateGauge(
            "workqueue_depth", "Current depth of workqueue (keys ready to be handed out; delayed and in-flight keys not counted)",
            new GaugeConfiguration { LabelNames = queue });
        QueueAdds = factory.CreateCounter(
            "workqueue_adds_total", "Total number of adds handled by workqueue",
            new CounterConfiguration { LabelNames = queue });
        QueueLatency = factory.CreateHistogram(
            "workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested",
            new HistogramConfiguration { LabelNames = queue, Buckets = QueueBuckets });
        QueueWorkDuration = factory.CreateHistogram(
            "workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes.",
            new HistogramConfiguration { LabelNames = queue, Buckets = QueueBuckets });
        QueueUnfinished = factory.CreateGauge(
            "workqueue_unfinished_work_seconds",
            "How many seconds of work has been done that is in progress and hasn't been observed by work_duration. "
            + "Large values indicate stuck threads. One can deduce the number of stuck threads by observing the rate at which this increases.",
            new GaugeConfiguration { LabelNames = queue });
        QueueLongestRunning = factory.CreateGauge(
            "workqueue_longest_running_processor_seconds", "How many seconds has the longest running processor for workqueue been running.",
            new GaugeConfiguration { LabelNames = queue });
        QueueRetries = factory.CreateCounter(
            "workqueue_retries_total", "Total number of retries handled by workqueue",
            new CounterConfiguration { LabelNames = queue });

        // client-go refreshes the in-flight gauges on a 500 ms ticker; computing them at scrape time is exact and needs no timer.
        registry.AddBeforeCollectCallback(RefreshInFlight);
    }

    /// <summary>The registry the series live in (components with series of their own add them here).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The metrics on the process-wide registry (what the operator's /metrics endpoint serves).</summary>
    public static RuntimeMetrics Default => Shared.Value;

    internal Counter ReconcileTotal { get; }

    internal Counter ReconcileErrors { get; }

    internal Histogram ReconcileTime { get; }

    internal Gauge MaxConcurrentReconciles { get; }

    internal Gauge ActiveWorkers { get; }

    internal Gauge QueueDepth { get; }

    internal Counter QueueAdds { get; }

    internal Histogram QueueLatency { get; }

    internal Histogram QueueWorkDuration { get; }

    internal Gauge QueueUnfinished { get; }

    internal Gauge QueueLongestRunning { get; }

    internal Counter QueueRetries { get; }

    /// <summary>The series of the controller called <paramref name="controller"/>.</summary>
    public ControllerMetrics ForController(string controller) => new(this, controller);

    /// <summary>The series of the work queue called <paramref name="queue"/> (its <c>name</c> and <c>controller</c> label).</summary>
    public WorkQueueMetrics ForQueue(string queue) => new(this, queue);

    // A queue reports its in-flight work through a sampler read before each scrape, until it is disposed.
    internal void TrackInFlight(WorkQueueMetrics queue, Func<(double UnfinishedSeconds, double LongestSeconds)> sample) => _inFlight[queue] = sample;

    internal void StopTrackingInFlight(WorkQueueMetrics queue) => _inFlight.TryRemove(queue, out _);

    private void RefreshInFlight()
    {
        foreach (var (queue, sample) in _inFlight)
        {
            var (unfinished, longest) = sample();
            queue.SetInFlight(unfinished, longest);
        }
    }
}
