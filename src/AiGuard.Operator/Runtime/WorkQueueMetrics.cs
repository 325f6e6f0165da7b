using Prometheus;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// WorkQueueMetrics are one work queue's client-go <c>workqueue_*</c> series (labels <c>name</c> and
/// <c>controller</c>, both the queue's name). The queue reports events; the in-flight gauges
/// (unfinished_work_seconds, longest_running_processor_seconds) are sampled from the queue before each scrape.
/// Created by <see cref="RuntimeMetrics.ForQueue"/>.
/// </summary>
public sealed class WorkQueueMetrics
{
    private readonly RuntimeMetrics _metrics;
    private readonly Gauge.Child _depth;
    private readonly Counter.Child _adds;
    private readonly Histogram.Child _latency;
    private readonly Histogram.Child _workDuration;
    private readonly Gauge.Child _unfinished;
    private readonly Gauge.Child _longestRunning;
    private readonly Counter.Child _retries;

    internal WorkQueueMetrics(RuntimeMetrics metrics, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _metrics = metrics;
        _depth = metrics.QueueDepth.WithLabels(name, name);
        _adds = metrics.QueueAdds.WithLabels(name, name);
        _latency = metrics.QueueLatency.WithLabels(name, name);
        _workDuration = metrics.QueueWorkDuration.WithLabels(name, name);
        _unfinished = metrics.QueueUnfinished.WithLabels(name, name);
        _longestRunning = metrics.QueueLongestRunning.WithLabels(name, name);
        _retries = metrics.QueueRetries.WithLabels(name, name);
    }

    /// <summary>Sets the number of keys ready to be handed out.</summary>
    public void SetDepth(int depth) => _depth.Set(depth);

    /// <summary>A key entered the queue (it was not already waiting).</summary>
    public void Added() => _adds.Inc();

    /// <summary>A key was handed to a worker after waiting <paramref name="waited"/> since it was added.</summary>
    public void HandedOut(TimeSpan waited) => _latency.Observe(waited.TotalSeconds);

    /// <summary>A worker finished a key it held for <paramref name="worked"/>.</summary>
    public void Finished(TimeSpan worked) => _workDuration.Observe(worked.TotalSeconds);

    /// <summary>A key was added with a delay (backoff after a failure, or a requeue after a time), as client-go counts retries.</summary>
    public void Retried() => _retries.Inc();

    /// <summary>
    /// Reads the in-flight work before each scrape: the seconds all current keys have been processing, and the longest.
    /// Call <see cref="StopTracking"/> when the queue is disposed.
    /// </summary>
    public void TrackInFlight(Func<(double UnfinishedSeconds, double LongestSeconds)> sample) => _metrics.TrackInFlight(this, sample);

    /// <summary>Stops sampling the queue and reports no in-flight work.</summary>
    public void StopTracking()
    {
        _metrics.StopTrackingInFlight(this);
        SetInFlight(0, 0);
    }

    internal void SetInFlight(double unfinished, double longest)
    {
        _unfinished.Set(unfinished);
        _longestRunning.Set(longest);
    }
}
