namespace AiGuard.Operator.Runtime;

/// <summary>
/// WorkQueue is client-go's rate-limiting work queue: a set of keys to reconcile, not a log of events.
/// <list type="bullet">
/// <item>Adding a key that is already waiting is a no-op, so a burst of watch events costs one reconcile.</item>
/// <item><see cref="GetAsync"/> marks a key as processing; no other worker gets it until <see cref="Done"/>.</item>
/// <item>A key added while it is processing is "dirty" and is queued again by <see cref="Done"/>, so the change is
/// never lost and never processed concurrently.</item>
/// <item><see cref="AddAfter"/> delays a key; adding it several times keeps the earliest time.</item>
/// <item><see cref="AddRateLimited"/> delays a key by its own exponential backoff; <see cref="Forget"/> resets it.</item>
/// </list>
/// Delays use the injected <see cref="TimeProvider"/> so tests can drive time by hand.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    // Slots an idle queue's sets may keep; above this they are trimmed when the queue empties (TrimIdleLocked).
    private const int TrimAbove = 256;

    private readonly Lock _gate = new();
    private readonly Queue<TKey> _queue = new();

    // Keys that need processing: every queued key, plus processing keys that were added again.
    private readonly HashSet<TKey> _dirty = [];
    private readonly HashSet<TKey> _processing = [];

    // Metrics bookkeeping (client-go's): when each waiting key was first added, when each processing key was handed out.
    private readonly Dictionary<TKey, long> _addedAt = [];
    private readonly Dictionary<TKey, long> _startedAt = [];

    // Delayed keys: the ready time per key, and a heap ordered by ready time. The heap may hold stale entries
    // (a key moved earlier); an entry counts only while it matches _waiting.
    private readonly Dictionary<TKey, DateTimeOffset> _waiting = [];
    private readonly PriorityQueue<TKey, DateTimeOffset> _waitingOrder = new();

    private readonly TimeProvider _time;
    private readonly PerKeyBackoff<TKey> _backoff;
    private readonly WorkQueueMetrics _metrics;
    private readonly ITimer _timer;
    private DateTimeOffset? _timerDue;
    private TaskCompletionSource _changed = NewSignal();
    private bool _shuttingDown;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="name">Queue name, the <c>name</c> label of its metrics.</param>
    /// <param name="timeProvider">Clock and timers for delayed keys (default: the system clock).</param>
    /// <param name="backoff">Per-key failure backoff for <see cref="AddRateLimited"/> (default: 5 ms doubling to 5 min).</param>
    /// <param name="metrics">Where the workqueue_* series are recorded (default: <see cref="RuntimeMetrics.Default"/>).</param>
    public WorkQueue(string name, TimeProvider? timeProvider = null, PerKeyBackoff<TKey>? backoff = null, RuntimeMetrics? metrics = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _time = timeProvider ?? TimeProvider.System;
        _backoff = backoff ?? new PerKeyBackoff<TKey>();
        _metrics = (metrics ?? RuntimeMetrics.Default).ForQueue(name);
        _timer = _time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _metrics.SetDepth(0);
        _metrics.TrackInFlight(SampleInFlight);
    }

    /// <summary>The queue's name (metrics label).</summary>
    public string Name { get; }

    /// <summary>Keys ready to be handed out (the depth metric); delayed and processing keys are not counted.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Keys currently handed out and not yet <see cref="Done"/>.</summary>
    public int ProcessingCount
    {
        get
        {
            lock (_gate)
            {
                return _processing.Count;
            }
        }
    }

    /// <summary>Keys waiting for their <see cref="AddAfter"/> or backoff delay to pass.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Slots the queue's sets hold, used or not: what an idle queue keeps of its largest burst.</summary>
    internal int RetainedSlots
    {
        get
        {
            lock (_gate)
            {
                return _queue.EnsureCapacity(0) + _dirty.EnsureCapacity(0) + _processing.EnsureCapacity(0)
                    + _addedAt.EnsureCapacity(0) + _startedAt.EnsureCapacity(0);
            }
        }
    }

    /// <summary>True once <see cref="ShutDown"/> (or the drain) started: new keys are ignored.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Queues <paramref name="key"/> unless it is already waiting; a processing key is queued again after Done.</summary>
    public void Add(TKey key)
    {
        lock (_gate)
        {
            AddLocked(key);
        }
    }

    /// <summary>
    /// Queues <paramref name="key"/> after <paramref name="delay"/>. When the key is already delayed, the earlier of the
    /// two ready times wins (a RequeueAfter never postpones a sooner retry). A non-positive delay adds at once.
    /// </summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _metrics.Retried();
            if (delay <= TimeSpan.Zero)
            {
                AddLocked(key);
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_waiting.TryGetValue(key, out var current) && current <= due)
            {
                return;
            }

            _waiting[key] = due;
            _waitingOrder.Enqueue(key, due);
            PromoteDueAndArmLocked();
        }
    }

    /// <summary>Queues <paramref name="key"/> after its next per-key backoff delay (call when processing it failed).</summary>
    public void AddRateLimited(TKey key)
    {
        AddAfter(key, _backoff.When(key));
    }

    /// <summary>Resets the backoff of <paramref name="key"/> (call when processing it succeeded).</summary>
    public void Forget(TKey key) => _backoff.Forget(key);

    /// <summary>Consecutive failures of <paramref name="key"/> since its last <see cref="Forget"/>.</summary>
    public int NumRequeues(TKey key) => _backoff.Failures(key);

    /// <summary>
    /// Waits for a key and marks it processing; the caller must call <see cref="Done"/> with it. Returns
    /// <c>ShutDown = true</c> once the queue is shut down and empty (keys queued before the shutdown are still handed out).
    /// Cancelling <paramref name="cancellationToken"/> takes nothing from the queue.
    /// </summary>
    public async ValueTask<(TKey Key, bool ShutDown)> GetAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_queue.TryDequeue(out var key))
                {
                    _processing.Add(key);
                    _dirty.Remove(key);
                    var now = _time.GetTimestamp();
                    if (_addedAt.Remove(key, out var added))
                    {
                        _metrics.HandedOut(_time.GetElapsedTime(added, now));
                    }

                    _startedAt[key] = now;
                    PublishDepthLocked();
                    return (key, false);
                }

                if (_shuttingDown)
                {
                    return (default!, true);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Marks <paramref name="key"/> as no longer processing; if it was added meanwhile it is queued again now.</summary>
    public void Done(TKey key)
    {
        lock (_gate)
        {
            if (!_processing.Remove(key))
            {
                return;
            }

            if (_startedAt.Remove(key, out var started))
            {
                _metrics.Finished(_time.GetElapsedTime(started));
            }

            if (_dirty.Contains(key))
            {
                _queue.Enqueue(key);
                PublishDepthLocked();
            }
            else if (_queue.Count == 0 && _processing.Count == 0)
            {
                TrimIdleLocked();
            }

            SignalLocked();
        }
    }

    /// <summary>Stops accepting keys and drops delayed ones; workers still receive the keys already queued.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            _waiting.Clear();
            _waitingOrder.Clear();
            _timerDue = null;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            SignalLocked();
        }
    }

    /// <summary>
    /// Shuts the queue down and waits until every queued key was handed out and every handed-out key is Done.
    /// Workers must keep running meanwhile; <paramref name="cancellationToken"/> bounds the wait.
    /// </summary>
    public async Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        ShutDown();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_queue.Count == 0 && _processing.Count == 0)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Shuts the queue down and releases its timer.</summary>
    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
        _metrics.StopTracking();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void AddLocked(TKey key)
    {
        if (_shuttingDown || !_dirty.Add(key))
        {
            return;
        }

        _metrics.Added();
        _addedAt.TryAdd(key, _time.GetTimestamp());

        if (_processing.Contains(key))
        {
            // Done will queue it again; queuing it now would let a second worker process it concurrently.
            return;
        }

        _queue.Enqueue(key);
        PublishDepthLocked();
        SignalLocked();
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            _timerDue = null;
            if (!_shuttingDown)
            {
                PromoteDueAndArmLocked();
            }
        }
    }

    // Moves every due delayed key into the queue, then arms the timer for the next one. The timer is only armed for
    // a strictly future time, so a fake clock never fires it synchronously inside this lock.
    private void PromoteDueAndArmLocked()
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? next = null;
        while (_waitingOrder.TryPeek(out var key, out var due))
        {
            if (!_waiting.TryGetValue(key, out var current) || current != due)
            {
                _waitingOrder.Dequeue();
                continue;
            }

            if (due > now)
            {
                next = due;
                break;
            }

            _waitingOrder.Dequeue();
            _waiting.Remove(key);
            AddLocked(key);
        }

        if (next == _timerDue)
        {
            return;
        }

        _timerDue = next;
        _timer.Change(next is { } at ? at - now : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    // Once nothing is queued or processing, gives back what the largest burst grew the sets to: a cold start of
    // 10,000 models left about 1.1 MB of empty slots behind, about 110 bytes per model for the life of the process.
    // Only a set above TrimAbove slots is rebuilt, so a queue that empties after every key does not reallocate.
    private void TrimIdleLocked()
    {
        if (_queue.EnsureCapacity(0) > TrimAbove)
        {
            _queue.TrimExcess();
        }

        if (_dirty.EnsureCapacity(0) > TrimAbove)
        {
            _dirty.TrimExcess();
        }

        if (_processing.EnsureCapacity(0) > TrimAbove)
        {
            _processing.TrimExcess();
        }

        if (_addedAt.EnsureCapacity(0) > TrimAbove)
        {
            _addedAt.TrimExcess();
        }

        if (_startedAt.EnsureCapacity(0) > TrimAbove)
        {
            _startedAt.TrimExcess();
        }
    }

    private void SignalLocked()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private void PublishDepthLocked() => _metrics.SetDepth(_queue.Count);

    // Seconds spent so far on the keys being processed, summed and the longest (read before each scrape).
    private (double UnfinishedSeconds, double LongestSeconds) SampleInFlight()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            double total = 0, longest = 0;
            foreach (var started in _startedAt.Values)
            {
                var seconds = _time.GetElapsedTime(started, now).TotalSeconds;
                total += seconds;
                longest = Math.Max(longest, seconds);
            }

            return (total, longest);
        }
    }
}
