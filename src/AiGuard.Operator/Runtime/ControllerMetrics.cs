using Prometheus;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// ControllerMetrics are one controller's controller-runtime series (label <c>controller</c>), resolved once so the
/// hot path does no label lookups. Created by <see cref="RuntimeMetrics.ForController"/>.
/// </summary>
public sealed class ControllerMetrics
{
    private readonly RuntimeMetrics _metrics;
    private readonly string _controller;
    private readonly Counter.Child _errors;
    private readonly Histogram.Child _time;
    private readonly Gauge.Child _maxConcurrent;
    private readonly Gauge.Child _active;

    internal ControllerMetrics(RuntimeMetrics metrics, string controller)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(controller);
        _metrics = metrics;
        _controller = controller;
        _errors = metrics.ReconcileErrors.WithLabels(controller);
        _time = metrics.ReconcileTime.WithLabels(controller);
        _maxConcurrent = metrics.MaxConcurrentReconciles.WithLabels(controller);
        _active = metrics.ActiveWorkers.WithLabels(controller);

        // Publish every result at 0 so rate() and ratios work before the first reconcile of each kind.
        foreach (var result in new[] { RuntimeMetrics.ResultSuccess, RuntimeMetrics.ResultError, RuntimeMetrics.ResultRequeue, RuntimeMetrics.ResultRequeueAfter })
        {
            metrics.ReconcileTotal.WithLabels(controller, result);
        }
    }

    /// <summary>
    /// Records how many reconciles the controller may run at once now (controller_runtime_max_concurrent_reconciles):
    /// its worker count while started, 0 while stopped, so a standby reports 0 and a sum over replicas is the leader's.
    /// </summary>
    public void SetMaxConcurrentReconciles(int workers) => _maxConcurrent.Set(workers);

    /// <summary>A worker took a key (controller_runtime_active_workers + 1).</summary>
    public void WorkerBusy() => _active.Inc();

    /// <summary>A worker finished its key (controller_runtime_active_workers - 1).</summary>
    public void WorkerIdle() => _active.Dec();

    /// <summary>Records one finished reconcile: its result (a RuntimeMetrics.Result* constant), its duration, and an error count for errors.</summary>
    public void Reconciled(string result, TimeSpan duration)
    {
        _metrics.ReconcileTotal.WithLabels(_controller, result).Inc();
        if (result == RuntimeMetrics.ResultError)
        {
            _errors.Inc();
        }

        _time.Observe(duration.TotalSeconds);
    }
}
