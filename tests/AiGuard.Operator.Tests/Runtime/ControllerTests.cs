using System.Collections.Concurrent;
using AiGuard.Operator.Runtime;
using AiGuard.Operator.Tests.Controllers.Support;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace AiGuard.Operator.Tests.Runtime;

public sealed class ControllerTests
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();

    private RuntimeMetrics NewMetrics() => new(_registry);

    [Fact]
    public async Task A_transient_failure_is_retried_with_backoff_and_success_resets_it()
    {
        using var queue = new WorkQueue<string>("q", metrics: NewMetrics());
        var attempts = 0;
        var failuresSeenOnSuccess = -1;
        await using var controller = new Controller<string>(queue, (key, _) =>
        {
            if (Interlocked.Increment(ref attempts) <= 3)
            {
                throw new InvalidOperationException("API server unavailable");
            }

            failuresSeenOnSuccess = queue.NumRequeues(key);
            return Task.FromResult(ReconcileResult.Done);
        }, metrics: NewMetrics());

        controller.Start();
        queue.Add("a");
        await Eventually.TrueAsync(() => Volatile.Read(ref attempts) == 4 && queue.ProcessingCount == 0, "the fourth attempt to succeed");

        Assert.Equal(3, failuresSeenOnSuccess); // each failure went through AddRateLimited
        Assert.Equal(0, queue.NumRequeues("a")); // success forgot the backoff
        Assert.Equal(3, await MetricText.ValueAsync(_registry, "controller_runtime_reconcile_total{controller=\"controller\",result=\"error\"}"));
        Assert.Equal(3, await MetricText.ValueAsync(_registry, "controller_runtime_reconcile_errors_total{controller=\"controller\"}"));
        Assert.Equal(1, await MetricText.ValueAsync(_registry, "controller_runtime_reconcile_total{controller=\"controller\",result=\"success\"}"));
        Assert.Equal(4, await MetricText.ValueAsync(_registry, "controller_runtime_reconcile_time_seconds_count{controller=\"controller\"}"));
        Assert.Equal(3, await MetricText.ValueAsync(_registry, "workqueue_retries_total{name=\"q\",controller=\"q\"}"));
    }

    [Fact]
    public async Task RequeueAfter_reconciles_the_key_again_after_the_delay()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>("q", time, metrics: NewMetrics());
        var runs = 0;
        await using var controller = new Controller<string>(queue, (_, _) =>
            Task.FromResult(Interlocked.Increment(ref runs) == 1
                ? ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(10))
                : ReconcileResult.Done), metrics: NewMetrics(), timeProvider: time);

        controller.Start();
        queue.Add("a");
        await Eventually.TrueAsync(() => queue.DelayedCount == 1, "the key to wait for its requeue time");
        Assert.Equal(1, Volatile.Read(ref runs));

        time.Advance(TimeSpan.FromMinutes(10));
        await Eventually.TrueAsync(() => Volatile.Read(ref runs) == 2, "the second reconcile after 10 minutes");
        Assert.Equal(0, queue.NumRequeues("a"));
        Assert.Equal(1, await MetricText.ValueAsync(_registry, "controller_runtime_reconcile_total{controller=\"controller\",result=\"requeue_after\"}"));
        Assert.Equal(0, await MetricText.ValueAsync(_registry, "controller_runtime_reconcile_errors_total{controller=\"controller\"}"));
    }

    [Fact]
    public async Task Runs_the_configured_number_of_workers_in_parallel()
    {
        using var queue = new WorkQueue<int>("q", metrics: NewMetrics());
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var peak = 0;
        var finished = 0;
        await using var controller = new Controller<int>(queue, async (_, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await release.Task.WaitAsync(ct);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref finished);
            return ReconcileResult.Done;
        }, new ControllerOptions { Name = "models", Workers = 3 }, NewMetrics());

        controller.Start();
        for (var i = 0; i < 10; i++)
        {
            queue.Add(i);
        }

        await Eventually.TrueAsync(() => Volatile.Read(ref running) == 3, "three reconciles to run at once");
        Assert.Equal(7, queue.Count);
        Assert.Equal(3, await MetricText.ValueAsync(_registry, "controller_runtime_max_concurrent_reconciles{controller=\"models\"}"));
        Assert.Equal(3, await MetricText.ValueAsync(_registry, "controller_runtime_active_workers{controller=\"models\"}"));
        Assert.Equal(10, await MetricText.ValueAsync(_registry, "workqueue_adds_total{name=\"q\",controller=\"q\"}"));
        release.SetResult();
        await Eventually.TrueAsync(() => Volatile.Read(ref finished) == 10, "all ten keys to be reconciled");
        Assert.Equal(3, peak);
        await Eventually.TrueAsync(
            async () => await MetricText.ValueAsync(_registry, "controller_runtime_active_workers{controller=\"models\"}") == 0, "the workers to go idle");
        Assert.Equal(10, await MetricText.ValueAsync(_registry, "controller_runtime_reconcile_total{controller=\"models\",result=\"success\"}"));
    }

    [Fact]
    public async Task Stop_cancels_in_flight_reconciles_at_once_and_keeps_their_keys()
    {
        using var queue = new WorkQueue<string>("q", metrics: NewMetrics());
        var started = new ConcurrentQueue<string>();
        var cancelled = 0;
        var stopped = false;
        await using var controller = new Controller<string>(queue, async (key, ct) =>
        {
            started.Enqueue(key);
            if (!Volatile.Read(ref stopped))
            {
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                    throw;
                }
            }

            return ReconcileResult.Done;
        }, metrics: NewMetrics());

        controller.Start();
        queue.Add("a");
        await Eventually.TrueAsync(() => started.Count == 1, "the reconcile to start");

        await Eventually.CompletesAsync(controller.StopAsync(), "the workers to stop");
        Volatile.Write(ref stopped, true);
        Assert.False(controller.IsRunning);
        Assert.Equal(1, cancelled);
        Assert.Equal(1, queue.Count); // the interrupted key waits for the next leader term
        Assert.Equal(0, queue.NumRequeues("a")); // cancellation is not a failure
        // Not an error: the key is queued again at once for the next leader (controller-runtime's "requeue").
        Assert.Equal(1, await MetricText.ValueAsync(_registry, "controller_runtime_reconcile_total{controller=\"controller\",result=\"requeue\"}"));
        Assert.Equal(0, await MetricText.ValueAsync(_registry, "controller_runtime_reconcile_errors_total{controller=\"controller\"}"));

        controller.Start();
        await Eventually.TrueAsync(() => started.Count == 2 && queue.Count == 0 && queue.ProcessingCount == 0, "the key to be reconciled after restart");
    }

    [Fact]
    public async Task Start_and_stop_are_idempotent()
    {
        using var queue = new WorkQueue<string>("q", metrics: NewMetrics());
        var runs = 0;
        await using var controller = new Controller<string>(queue, (_, _) =>
        {
            Interlocked.Increment(ref runs);
            return Task.FromResult(ReconcileResult.Done);
        }, metrics: NewMetrics());

        await controller.StopAsync();
        controller.Start();
        controller.Start();
        Assert.True(controller.IsRunning);
        queue.Add("a");
        await Eventually.TrueAsync(() => Volatile.Read(ref runs) == 1, "one reconcile");
        await controller.StopAsync();
        await controller.StopAsync();
        Assert.False(controller.IsRunning);

        queue.Add("b");
        Assert.Equal(1, queue.Count); // stopped workers take nothing
    }

    [Fact]
    public void Rejects_fewer_than_one_worker()
    {
        using var queue = new WorkQueue<string>("q", metrics: NewMetrics());
        var error = Assert.Throws<ArgumentException>(() =>
            new Controller<string>(queue, (_, _) => Task.FromResult(ReconcileResult.Done), new ControllerOptions { Workers = 0 }));
        Assert.Contains("Workers", error.Message, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
