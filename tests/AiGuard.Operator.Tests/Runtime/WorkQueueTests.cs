using System.Collections.Concurrent;
using AiGuard.Operator.Runtime;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace AiGuard.Operator.Tests.Runtime;

public sealed class WorkQueueTests : IDisposable
{
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly FakeTimeProvider _time = new();
    private readonly WorkQueue<string> _queue;

    public WorkQueueTests() => _queue = new WorkQueue<string>("test", _time, metrics: new RuntimeMetrics(_registry));

    public void Dispose() => _queue.Dispose();

    [Fact]
    public async Task Adding_a_queued_key_is_a_no_op()
    {
        _queue.Add("a");
        _queue.Add("b");
        _queue.Add("a");

        Assert.Equal(2, _queue.Count);
        Assert.Equal("a", (await _queue.GetAsync()).Key);
        Assert.Equal("b", (await _queue.GetAsync()).Key);
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_processing_is_requeued_only_after_done()
    {
        _queue.Add("a");
        var (key, _) = await _queue.GetAsync();

        _queue.Add("a");
        _queue.Add("a");
        Assert.Equal(0, _queue.Count); // not handed to a second worker while the first still has it

        _queue.Done(key);
        Assert.Equal(1, _queue.Count);
        Assert.Equal("a", (await _queue.GetAsync()).Key);
        _queue.Done("a");
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task A_key_is_never_processed_by_two_workers_at_once_and_no_change_is_lost()
    {
        using var queue = new WorkQueue<int>("stress", metrics: new RuntimeMetrics(_registry));
        const int keys = 8;
        var version = new int[keys];
        var processedVersion = new int[keys];
        var inFlight = new int[keys];
        var violations = 0;
        var processed = 0;

        async Task Worker()
        {
            while (true)
            {
                var (key, shutDown) = await queue.GetAsync();
                if (shutDown)
                {
                    return;
                }

                if (Interlocked.Increment(ref inFlight[key]) > 1)
                {
                    Interlocked.Increment(ref violations);
                }

                var seen = Volatile.Read(ref version[key]);
                await Task.Yield();
                processedVersion[key] = Math.Max(processedVersion[key], seen);
                Interlocked.Increment(ref processed);
                Interlocked.Decrement(ref inFlight[key]);
                queue.Done(key);
            }
        }

        async Task Producer(int seed)
        {
            var random = new Random(seed);
            for (var i = 0; i < 2000; i++)
            {
                var key = random.Next(keys);
                Interlocked.Increment(ref version[key]);
                queue.Add(key);
                if (i % 50 == 0)
                {
                    await Task.Yield();
                }
            }
        }

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(Worker)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(seed => Task.Run(() => Producer(seed))));
        await Until.CompletedAsync(queue.ShutDownWithDrainAsync(), "the queue to drain");
        await Until.CompletedAsync(Task.WhenAll(workers), "the workers to return");

        Assert.Equal(0, violations);
        Assert.True(processed < 8000, $"deduplication should merge adds (processed {processed} of 8000)");
        for (var key = 0; key < keys; key++)
        {
            Assert.Equal(version[key], processedVersion[key]); // the last change of every key was processed
        }
    }

    [Fact]
    public async Task Failure_backoff_starts_at_5ms_and_doubles()
    {
        _queue.AddRateLimited("a");
        Assert.Equal(0, _queue.Count);
        Assert.Equal(1, _queue.DelayedCount);

        _time.Advance(TimeSpan.FromMilliseconds(4));
        Assert.Equal(0, _queue.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _queue.Count);

        var (key, _) = await _queue.GetAsync();
        _queue.AddRateLimited(key);
        _queue.Done(key);
        _time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(0, _queue.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _queue.Count);
        Assert.Equal(2, _queue.NumRequeues("a"));
    }

    [Fact]
    public void Failure_backoff_caps_at_5_minutes_and_resets_on_forget()
    {
        var backoff = new PerKeyBackoff<string>();
        var delays = Enumerable.Range(0, 40).Select(_ => backoff.When("a")).ToList();

        Assert.Equal(TimeSpan.FromMilliseconds(5), delays[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(10), delays[1]);
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 1024), delays[10]);
        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First));
        Assert.Equal(TimeSpan.FromMinutes(5), delays[^1]);
        Assert.True(delays.Max() <= TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.When("b")); // keys are independent

        backoff.Forget("a");
        Assert.Equal(0, backoff.Failures("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), backoff.When("a"));
    }

    [Fact]
    public void AddAfter_keeps_the_earliest_time()
    {
        _queue.AddAfter("a", TimeSpan.FromSeconds(10));
        _queue.AddAfter("a", TimeSpan.FromSeconds(2));
        _queue.AddAfter("b", TimeSpan.FromSeconds(2));
        _queue.AddAfter("b", TimeSpan.FromSeconds(10));
        Assert.Equal(2, _queue.DelayedCount);

        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Equal(0, _queue.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, _queue.Count);
        Assert.Equal(0, _queue.DelayedCount);
    }

    [Fact]
    public async Task A_delayed_key_fires_once_even_when_added_several_times()
    {
        _queue.AddAfter("a", TimeSpan.FromSeconds(2));
        _queue.AddAfter("a", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(2));
        var (key, _) = await _queue.GetAsync();
        _queue.Done(key);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public void AddAfter_of_a_queued_key_does_not_duplicate_it()
    {
        _queue.Add("a");
        _queue.AddAfter("a", TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _queue.Count);
    }

    [Fact]
    public async Task Shutdown_with_drain_waits_for_queued_and_in_flight_keys()
    {
        _queue.Add("a");
        _queue.Add("b");
        var (first, _) = await _queue.GetAsync();

        var drain = _queue.ShutDownWithDrainAsync();
        Assert.False(drain.IsCompleted);
        _queue.Add("c"); // ignored after shutdown
        Assert.Equal(1, _queue.Count);

        var (second, shutDown) = await _queue.GetAsync(); // queued keys are still handed out
        Assert.False(shutDown);
        _queue.Done(first);
        Assert.False(drain.IsCompleted);
        _queue.Done(second);
        await Until.CompletedAsync(drain, "the drain to finish after the last Done");

        Assert.True((await _queue.GetAsync()).ShutDown);
    }

    [Fact]
    public async Task Shutdown_wakes_waiting_workers_and_drops_delayed_keys()
    {
        var waiting = _queue.GetAsync().AsTask();
        _queue.AddAfter("later", TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);

        _queue.ShutDown();
        Assert.True((await Until.CompletedAsync(waiting, "the waiting worker to wake")).ShutDown);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public async Task A_cancelled_get_takes_nothing_from_the_queue()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = _queue.GetAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        _queue.Add("a");
        Assert.Equal(1, _queue.Count);
        Assert.Equal("a", (await _queue.GetAsync()).Key);
    }

    [Fact]
    public async Task A_waiting_worker_wakes_when_a_key_arrives()
    {
        var waiting = _queue.GetAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        _queue.AddAfter("a", TimeSpan.FromSeconds(3));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal("a", (await Until.CompletedAsync(waiting, "the worker to get the key")).Key);
    }

    [Fact]
    public async Task Depth_metric_follows_the_ready_keys()
    {
        _queue.Add("a");
        _queue.Add("b");
        _queue.AddAfter("c", TimeSpan.FromSeconds(1));
        Assert.Equal(2, await MetricText.ValueAsync(_registry, "aiguard_workqueue_depth{name=\"test\"}"));

        await _queue.GetAsync();
        Assert.Equal(1, await MetricText.ValueAsync(_registry, "aiguard_workqueue_depth{name=\"test\"}"));

        _queue.AddRateLimited("d");
        Assert.Equal(1, await MetricText.ValueAsync(_registry, "aiguard_workqueue_retries_total{name=\"test\"}"));
    }
}
