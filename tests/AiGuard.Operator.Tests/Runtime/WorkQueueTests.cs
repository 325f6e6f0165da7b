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
    public async Task An_emptied_queue_gives_back_what_its_largest_burst_grew_it_to_and_keeps_working()
    {
        const int burst = 10_000;
        for (var i = 0; i < burst; i++)
        {
            _queue.Add($"model-{i}");
        }

        var grown = _queue.RetainedSlots;
        Assert.True(grown >= 3 * burst, $"the burst should have grown the sets (slots {grown})");

        // One key is re-added while it is processing: the trim must not lose it.
        var first = await _queue.GetAsync();
        _queue.Add(first.Key);
        _queue.Done(first.Key);
        for (var i = 0; i < burst; i++)
        {
            var (key, _) = await _queue.GetAsync();
            _queue.Done(key);
        }

        Assert.Equal(0, _queue.Count);
        Assert.Equal(0, _queue.ProcessingCount);
        Assert.True(_queue.RetainedSlots < 5 * 256, $"an idle queue kept {_queue.RetainedSlots} slots of its {grown}");

        _queue.Add("after");
        _queue.Add("after");
        Assert.Equal(("after", false), await _queue.GetAsync());
        Assert.Equal(0, _queue.Count);
        _queue.Done("after");
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
        await Eventually.CompletesAsync(queue.ShutDownWithDrainAsync(), "the queue to drain");
        await Eventually.CompletesAsync(Task.WhenAll(workers), "the workers to return");

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
        await Eventually.CompletesAsync(drain, "the drain to finish after the last Done");

        Assert.True((await _queue.GetAsync()).ShutDown);
    }

    [Fact]
    public async Task Shutdown_wakes_waiting_workers_and_drops_delayed_keys()
    {
        var waiting = _queue.GetAsync().AsTask();
        _queue.AddAfter("later", TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);

        _queue.ShutDown();
        Assert.True((await Eventually.CompletesAsync(waiting, "the waiting worker to wake")).ShutDown);
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
        Assert.Equal("a", (await Eventually.CompletesAsync(waiting, "the worker to get the key")).Key);
    }

    [Fact]
    public async Task Depth_metric_follows_the_ready_keys()
    {
        _queue.Add("a");
        _queue.Add("b");
        _queue.AddAfter("c", TimeSpan.FromSeconds(1));
        Assert.Equal(2, await Series("workqueue_depth"));

        await _queue.GetAsync();
        Assert.Equal(1, await Series("workqueue_depth"));
    }

    [Fact]
    public async Task Adds_count_keys_entering_the_queue_and_retries_count_every_delayed_add_as_client_go_does()
    {
        _queue.Add("a");
        _queue.Add("a"); // already waiting: not an add
        _queue.AddAfter("b", TimeSpan.FromSeconds(5));
        _queue.AddRateLimited("c");
        Assert.Equal(1, await Series("workqueue_adds_total"));
        Assert.Equal(2, await Series("workqueue_retries_total"));

        _time.Advance(TimeSpan.FromSeconds(5)); // b and c become ready: now they are adds
        Assert.Equal(3, await Series("workqueue_adds_total"));
    }

    [Fact]
    public async Task Queue_and_work_durations_measure_the_wait_and_the_processing_of_each_key()
    {
        _queue.Add("a");
        _time.Advance(TimeSpan.FromSeconds(3));
        var (key, _) = await _queue.GetAsync();
        Assert.Equal(3, await Series("workqueue_queue_duration_seconds_sum"));
        Assert.Equal(1, await Series("workqueue_queue_duration_seconds_count"));

        _time.Advance(TimeSpan.FromSeconds(7));
        _queue.Done(key);
        Assert.Equal(7, await Series("workqueue_work_duration_seconds_sum"));
        Assert.Equal(1, await Series("workqueue_work_duration_seconds_count"));

        // client-go's buckets: 10 ns to 1000 s by factors of ten; 7 s falls in the 10 s bucket.
        Assert.Equal(0, await Series("workqueue_work_duration_seconds_bucket", "le=\"1\""));
        Assert.Equal(1, await Series("workqueue_work_duration_seconds_bucket", "le=\"10\""));
    }

    [Fact]
    public async Task Unfinished_work_and_longest_processor_report_keys_still_processing_at_scrape_time()
    {
        _queue.Add("a");
        _queue.Add("b");
        var (first, _) = await _queue.GetAsync();
        _time.Advance(TimeSpan.FromSeconds(10));
        var (second, _) = await _queue.GetAsync();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(20, await Series("workqueue_unfinished_work_seconds")); // 15 s + 5 s
        Assert.Equal(15, await Series("workqueue_longest_running_processor_seconds"));

        _queue.Done(first);
        _queue.Done(second);
        Assert.Equal(0, await Series("workqueue_unfinished_work_seconds"));
        Assert.Equal(0, await Series("workqueue_longest_running_processor_seconds"));
    }

    [Fact]
    public async Task A_disposed_queue_reports_no_work_in_flight()
    {
        using var queue = new WorkQueue<string>("gone", _time, metrics: new RuntimeMetrics(_registry));
        queue.Add("a");
        await queue.GetAsync();
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(4, await MetricText.ValueAsync(_registry, "workqueue_unfinished_work_seconds{name=\"gone\",controller=\"gone\"}"));

        queue.Dispose();
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await MetricText.ValueAsync(_registry, "workqueue_unfinished_work_seconds{name=\"gone\",controller=\"gone\"}"));
    }

    private Task<double?> Series(string name, string? extraLabel = null) =>
        MetricText.ValueAsync(_registry, $"{name}{{name=\"test\",controller=\"test\"{(extraLabel is null ? "" : "," + extraLabel)}}}");
}
