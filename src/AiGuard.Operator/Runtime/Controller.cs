using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// Controller runs N workers that take keys from a <see cref="WorkQueue{TKey}"/> and reconcile them:
/// success forgets the key's backoff; <see cref="ReconcileResult.RequeueAfter"/> forgets it and re-adds the key after
/// the delay; an exception is a transient failure and re-adds the key with per-key backoff.
/// Workers start and stop on demand (<see cref="Start"/>, <see cref="StopAsync"/>) so that leader election can run them
/// only on the leader: stopping cancels the in-flight reconciles' token at once, and a key whose reconcile was
/// cancelled stays queued for the next start.
/// </summary>
public sealed class Controller<TKey> : IAsyncDisposable
    where TKey : notnull
{
    private readonly Func<TKey, CancellationToken, Task<ReconcileResult>> _reconcile;
    private readonly ControllerOptions _options;
    private readonly ControllerMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stop;
    private Task _workers = Task.CompletedTask;

    /// <summary>Creates a stopped controller over <paramref name="queue"/>.</summary>
    /// <param name="queue">Where keys come from; event handlers add keys to it.</param>
    /// <param name="reconcile">The reconcile delegate; it must honour its cancellation token.</param>
    /// <param name="options">Worker count and name (defaults: 4 workers); the name is the <c>controller</c> label of its metrics.</param>
    /// <param name="metrics">Where the controller_runtime_* series are recorded (default: <see cref="RuntimeMetrics.Default"/>).</param>
    /// <param name="logger">Logger for reconcile failures; every line logged while reconciling a key carries the key in its scope.</param>
    /// <param name="timeProvider">Clock used to time reconciles.</param>
    public Controller(
        WorkQueue<TKey> queue,
        Func<TKey, CancellationToken, Task<ReconcileResult>> reconcile,
        ControllerOptions? options = null,
        RuntimeMetrics? metrics = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null)
    {
        Queue = queue ?? throw new ArgumentNullException(nameof(queue));
        _reconcile = reconcile ?? throw new ArgumentNullException(nameof(reconcile));
        _options = options ?? new ControllerOptions();
        if (_options.Workers < 1)
        {
            throw new ArgumentException($"ControllerOptions.Workers must be at least 1 (got {_options.Workers})", nameof(options));
        }

        _metrics = (metrics ?? RuntimeMetrics.Default).ForController(_options.Name);
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The queue the workers drain.</summary>
    public WorkQueue<TKey> Queue { get; }

    /// <summary>True between <see cref="Start"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _stop is not null;
            }
        }
    }

    /// <summary>Starts the workers; a no-op when they are already running.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_stop is not null)
            {
                return;
            }

            var stop = new CancellationTokenSource();
            _stop = stop;
            var workers = new Task[_options.Workers];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = Task.Run(() => WorkAsync(stop.Token), CancellationToken.None);
            }

            _workers = Task.WhenAll(workers);
            _metrics.SetMaxConcurrentReconciles(_options.Workers);
        }

        _logger.LogInformation("{Controller}: started {Workers} workers", _options.Name, _options.Workers);
    }

    /// <summary>
    /// Stops the workers: cancels the in-flight reconciles' token at once and waits for the workers to return.
    /// A no-op when stopped.
    /// </summary>
    public async Task StopAsync()
    {
        CancellationTokenSource? stop;
        Task workers;
        lock (_gate)
        {
            stop = _stop;
            workers = _workers;
            _stop = null;
        }

        if (stop is null)
        {
            await workers.ConfigureAwait(false);
            return;
        }

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await workers.ConfigureAwait(false);
        }
        finally
        {
            stop.Dispose();
            lock (_gate)
            {
                if (_stop is null)
                {
                    _metrics.SetMaxConcurrentReconciles(0); // unless a Start came in meanwhile
                }
            }
        }

        _logger.LogInformation("{Controller}: workers stopped", _options.Name);
    }

    /// <summary>Stops the workers.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task WorkAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TKey key;
            bool shutDown;
            try
            {
                (key, shutDown) = await Queue.GetAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            if (shutDown)
            {
                return;
            }

            if (stop.IsCancellationRequested)
            {
                // Stopped while this worker was handed a key (e.g. one a cancelled reconcile just re-queued): the key
                // belongs to the next leadership term, not to a reconcile that would start already cancelled.
                Queue.Add(key);
                Queue.Done(key);
                return;
            }

            _metrics.WorkerBusy();
            try
            {
                using (_logger.BeginScope(ReconcileScope.For(_options.Name, key)))
                {
                    await ProcessAsync(key, stop).ConfigureAwait(false);
                }
            }
            finally
            {
                _metrics.WorkerIdle();
            }
        }
    }

    private async Task ProcessAsync(TKey key, CancellationToken stop)
    {
        var started = _time.GetTimestamp();
        string result;
        try
        {
            var outcome = await _reconcile(key, stop).ConfigureAwait(false) ?? ReconcileResult.Done;
            Queue.Forget(key);
            if (outcome.RequeueDelay is { } delay)
            {
                Queue.AddAfter(key, delay);
                result = RuntimeMetrics.ResultRequeueAfter;
            }
            else
            {
                result = RuntimeMetrics.ResultSuccess;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped mid-reconcile (leadership lost or shutdown): not a failure. Adding a processing key marks it
            // dirty, so Done below queues it again for whoever runs the workers next.
            Queue.Add(key);
            result = RuntimeMetrics.ResultRequeue;
        }
        catch (Exception ex)
        {
            Queue.AddRateLimited(key);
            result = RuntimeMetrics.ResultError;
            _logger.LogWarning(ex, "{Controller}: reconcile of {Key} failed (attempt {Attempt}); retrying with backoff",
                _options.Name, key, Queue.NumRequeues(key));
        }
        finally
        {
            Queue.Done(key);
        }

        _metrics.Reconciled(result, _time.GetElapsedTime(started));
    }
}
