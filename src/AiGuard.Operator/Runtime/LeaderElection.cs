using System.Net;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// LeaderElection campaigns for a lock (a coordination.k8s.io/v1 Lease in production, see <see cref="LeaseLock"/>)
/// with client-go's algorithm: acquire when the lease is free or when its record has not changed for LeaseDuration
/// (measured on this process's clock, so clock skew does not matter), renew every RetryPeriod, and stop leading when
/// renewals fail for RenewDeadline. Leadership is handed to <see cref="OnStartedLeading"/> as a token that is
/// cancelled the moment it ends; after a loss the candidate campaigns again. On cancellation of
/// <see cref="RunAsync"/> the leader stops its work, then releases the lease so a standby takes over at once.
/// We use KubernetesClient's <see cref="ILock"/> and <see cref="LeaseLock"/> but not its LeaderElector, which cannot
/// release the lease, reads the system clock directly and rounds sub-minute durations by their seconds component.
/// </summary>
public sealed class LeaderElection
{
    // Standbys wait RetryPeriod plus up to this share of it at random between attempts (client-go's JitterFactor).
    private const double AcquireJitter = 1.2;

    private readonly ILock _lock;
    private readonly LeaderElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random;
    private LeaderElectionRecord? _observed;
    private DateTimeOffset _observedTime;
    private string? _reportedLeader;
    private int _running;

    /// <summary>Creates a candidate for <paramref name="lockObject"/>; its identity is the lock's.</summary>
    public LeaderElection(ILock lockObject, LeaderElectionOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null, Random? random = null)
    {
        _lock = lockObject ?? throw new ArgumentNullException(nameof(lockObject));
        if (string.IsNullOrEmpty(_lock.Identity))
        {
            throw new ArgumentException("the lock needs a non-empty identity", nameof(lockObject));
        }

        _options = options ?? new LeaderElectionOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _random = random ?? Random.Shared;
    }

    /// <summary>
    /// Called (in the background) when this candidate becomes leader, with a token cancelled when leadership ends.
    /// Start the controller workers here.
    /// </summary>
    public Func<CancellationToken, Task>? OnStartedLeading { get; set; }

    /// <summary>
    /// Awaited after leadership ended and the OnStartedLeading task finished, before the lease is released.
    /// Stop the controller workers here.
    /// </summary>
    public Func<Task>? OnStoppedLeading { get; set; }

    /// <summary>Called when the observed holder of the lock changes (including the first one seen).</summary>
    public Action<string>? OnNewLeader { get; set; }

    /// <summary>This candidate's identity.</summary>
    public string Identity => _lock.Identity;

    /// <summary>True while this candidate holds the lock.</summary>
    public bool IsLeader => Volatile.Read(ref _observed) is { } record && record.HolderIdentity == Identity;

    /// <summary>The holder last seen on the lock, or null.</summary>
    public string? Leader => Volatile.Read(ref _observed)?.HolderIdentity;

    /// <summary>The Lease lock of KubernetesClient for <paramref name="name"/> in <paramref name="namespace"/>.</summary>
    public static ILock LeaseLock(IKubernetes client, string @namespace, string name, string identity) =>
        new LeaseLock(client, @namespace, name, identity);

    /// <summary>Campaigns, leads, and campaigns again after a loss, until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("this LeaderElection is already running");
        }

        try
        {
            while (await AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                await LeadAsync(cancellationToken).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    if (_options.ReleaseOnCancel)
                    {
                        await ReleaseAsync().ConfigureAwait(false);
                    }

                    break;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// One acquire-or-renew attempt at time <c>now</c>: true when this candidate holds the lock afterwards.
    /// </summary>
    internal async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var desired = new LeaderElectionRecord
        {
            HolderIdentity = Identity,
            LeaseDurationSeconds = (int)Math.Ceiling(_options.LeaseDuration.TotalSeconds),
            AcquireTime = now.UtcDateTime,
            RenewTime = now.UtcDateTime,
        };

        LeaderElectionRecord? current;
        try
        {
            current = await _lock.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException notFound) when (notFound.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            current = null;
        }

        if (current is null)
        {
            if (!await _lock.CreateAsync(desired, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            Observe(desired, now);
            return true;
        }

        if (!Equals(current, Volatile.Read(ref _observed)))
        {
            Observe(current, now);
        }

        var holder = current.HolderIdentity;
        var heldByOther = !string.IsNullOrEmpty(holder) && holder != Identity;
        if (heldByOther && _observedTime + _options.LeaseDuration > now)
        {
            return false;
        }

        if (holder == Identity)
        {
            desired.AcquireTime = current.AcquireTime;
            desired.LeaderTransitions = current.LeaderTransitions;
        }
        else
        {
            desired.LeaderTransitions = current.LeaderTransitions + 1;
        }

        if (!await _lock.UpdateAsync(desired, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Observe(desired, now);
        return true;
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("leader election: {Identity} campaigns for {Lock}", Identity, _lock.Describe());
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await AttemptAsync(cancellationToken).ConfigureAwait(false))
            {
                _logger.LogInformation("leader election: {Identity} acquired {Lock}", Identity, _lock.Describe());
                return true;
            }

            ReportLeader();
            var pause = _options.RetryPeriod * (1 + (AcquireJitter * _random.NextDouble()));
            if (!await DelayAsync(pause, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return false;
    }

    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        using var leadership = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ReportLeader();
        var work = StartWork(leadership.Token);
        try
        {
            while (await DelayAsync(_options.RetryPeriod, cancellationToken).ConfigureAwait(false))
            {
                if (!await RenewAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!cancellationToken.IsCancellationRequested)
                    {
                        _logger.LogWarning("leader election: {Identity} could not renew {Lock} within {Deadline}; stopping work",
                            Identity, _lock.Describe(), _options.RenewDeadline);
                    }

                    break;
                }
            }
        }
        finally
        {
            // Stop the work at once, then wait for it, so nothing runs for us once another candidate may lead.
            await leadership.CancelAsync().ConfigureAwait(false);
            await work.ConfigureAwait(false);
            Volatile.Write(ref _observed, null);
            await InvokeAsync(OnStoppedLeading, "OnStoppedLeading").ConfigureAwait(false);
        }
    }

    // Retries a renewal every RetryPeriod until it succeeds or RenewDeadline has passed.
    private async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.RenewDeadline, _time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (!attempt.IsCancellationRequested)
        {
            if (await AttemptAsync(attempt.Token).ConfigureAwait(false))
            {
                return true;
            }

            if (!IsLeaderOrUnknown())
            {
                return false; // someone else holds it now: no point retrying
            }

            if (!await DelayAsync(_options.RetryPeriod, attempt.Token).ConfigureAwait(false))
            {
                break;
            }
        }

        return false;
    }

    private bool IsLeaderOrUnknown() => Volatile.Read(ref _observed) is not { } record || string.IsNullOrEmpty(record.HolderIdentity) || record.HolderIdentity == Identity;

    private async Task<bool> AttemptAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "leader election: {Identity} could not reach {Lock}", Identity, _lock.Describe());
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        if (Volatile.Read(ref _observed) is { } record && record.HolderIdentity != Identity)
        {
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var released = new LeaderElectionRecord
        {
            HolderIdentity = string.Empty,
            LeaseDurationSeconds = 1,
            AcquireTime = now,
            RenewTime = now,
        };
        try
        {
            using var timeout = new CancellationTokenSource(_options.RenewDeadline, _time);
            var current = await _lock.GetAsync(timeout.Token).ConfigureAwait(false);
            if (current?.HolderIdentity != Identity)
            {
                return;
            }

            released.LeaderTransitions = current.LeaderTransitions;
            if (await _lock.UpdateAsync(released, timeout.Token).ConfigureAwait(false))
            {
                _logger.LogInformation("leader election: {Identity} released {Lock}", Identity, _lock.Describe());
            }
        }
        catch (Exception ex)
        {
            // The lease then simply expires after LeaseDuration.
            _logger.LogWarning(ex, "leader election: {Identity} could not release {Lock}", Identity, _lock.Describe());
        }
    }

    private Task StartWork(CancellationToken leadership)
    {
        var started = OnStartedLeading;
        if (started is null)
        {
            return Task.CompletedTask;
        }

        return Task.Run(async () =>
        {
            try
            {
                await started(leadership).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (leadership.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "leader election: OnStartedLeading failed");
            }
        }, CancellationToken.None);
    }

    private async Task InvokeAsync(Func<Task>? callback, string name)
    {
        if (callback is null)
        {
            return;
        }

        try
        {
            await callback().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "leader election: {Callback} failed", name);
        }
    }

    private void Observe(LeaderElectionRecord record, DateTimeOffset now)
    {
        Volatile.Write(ref _observed, record);
        _observedTime = now;
    }

    private void ReportLeader()
    {
        var leader = Leader;
        if (string.IsNullOrEmpty(leader) || leader == _reportedLeader)
        {
            return;
        }

        _reportedLeader = leader;
        try
        {
            OnNewLeader?.Invoke(leader);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "leader election: OnNewLeader failed");
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
