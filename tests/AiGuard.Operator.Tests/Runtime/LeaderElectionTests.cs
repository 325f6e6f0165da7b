using System.Collections.Concurrent;
using System.Diagnostics;
using AiGuard.Operator.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace AiGuard.Operator.Tests.Runtime;

public sealed class LeaderElectionTests
{
    // Short real-time timings for the end-to-end runs; the same ratios as the 15/10/2 s defaults.
    private static readonly LeaderElectionOptions Fast = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1),
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    private readonly SharedLease _lease = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task The_first_candidate_creates_the_lease_and_leads()
    {
        var a = Candidate("a", out _);

        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));

        Assert.True(a.IsLeader);
        Assert.Equal("a", _lease.Record!.HolderIdentity);
        Assert.Equal(15, _lease.Record.LeaseDurationSeconds);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, _lease.Record.RenewTime);
    }

    [Fact]
    public async Task A_standby_takes_over_only_after_the_lease_went_unrenewed_for_the_lease_duration()
    {
        var a = Candidate("a", out _);
        var b = Candidate("b", out _);
        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));

        Assert.False(await b.TryAcquireOrRenewAsync(CancellationToken.None));
        Assert.Equal("a", b.Leader);
        _time.Advance(TimeSpan.FromSeconds(14.9));
        Assert.False(await b.TryAcquireOrRenewAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(await b.TryAcquireOrRenewAsync(CancellationToken.None));

        Assert.True(b.IsLeader);
        Assert.Equal("b", _lease.Record!.HolderIdentity);
        Assert.Equal(1, _lease.Record.LeaderTransitions);
    }

    [Fact]
    public async Task A_renewal_restarts_the_standby_clock()
    {
        var a = Candidate("a", out _);
        var b = Candidate("b", out _);
        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));
        Assert.False(await b.TryAcquireOrRenewAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None)); // renew
        Assert.False(await b.TryAcquireOrRenewAsync(CancellationToken.None)); // sees the change at t=10

        _time.Advance(TimeSpan.FromSeconds(14.9));
        Assert.False(await b.TryAcquireOrRenewAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(await b.TryAcquireOrRenewAsync(CancellationToken.None));
        Assert.Equal(_lease.Record!.AcquireTime, _lease.Record.RenewTime); // a new holder starts a new term
    }

    [Fact]
    public async Task Renewing_keeps_the_acquire_time_and_transition_count()
    {
        var a = Candidate("a", out _);
        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));
        var acquired = _lease.Record!.AcquireTime;

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));

        Assert.Equal(acquired, _lease.Record!.AcquireTime);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, _lease.Record.RenewTime);
        Assert.Equal(0, _lease.Record.LeaderTransitions);
    }

    [Fact]
    public async Task Exactly_one_operator_reconciles_and_a_partitioned_leader_stops_before_the_standby_takes_over()
    {
        var reconciles = new ConcurrentQueue<(string Identity, long At)>();
        await using var a = new OperatorReplica(new InMemoryLeaseLock(_lease, "a"), Fast, reconciles);
        await using var b = new OperatorReplica(new InMemoryLeaseLock(_lease, "b"), Fast, reconciles);
        using var stop = new CancellationTokenSource();
        var runA = a.Election.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => a.Election.IsLeader, "a to lead");
        var runB = b.Election.RunAsync(stop.Token);
        using var feeding = OperatorReplica.FeedBoth(a, b);

        await Eventually.TrueAsync(() => reconciles.Count >= 20, "the leader to reconcile");
        Assert.All(reconciles, r => Assert.Equal("a", r.Identity));
        Assert.False(b.Controller.IsRunning); // the standby's cache is warm, its workers are not running

        // Cut the leader off the API server: it must stop within RenewDeadline, and the standby take over
        // within LeaseDuration + RenewDeadline, with no moment where both reconcile.
        var cut = Stopwatch.GetTimestamp();
        ((InMemoryLeaseLock)a.Lock).Unreachable = true;
        await Eventually.TrueAsync(() => b.Election.IsLeader, "b to take over");
        var takeover = Stopwatch.GetElapsedTime(cut);
        await Eventually.TrueAsync(() => reconciles.Any(r => r.Identity == "b"), "b to reconcile");

        // Only the lower bound is asserted: the upper one (LeaseDuration + RenewDeadline) is a figure of the bench's
        // failover scenario, since a loaded machine can delay any wall-clock bound.
        Assert.True(takeover >= Fast.LeaseDuration - Fast.RetryPeriod, $"takeover before the lease could expire ({takeover})");
        Assert.False(a.Controller.IsRunning);
        var lastOfA = reconciles.Where(r => r.Identity == "a").Max(r => r.At);
        var firstOfB = reconciles.Where(r => r.Identity == "b").Min(r => r.At);
        Assert.True(lastOfA < firstOfB, "the old leader reconciled after the new one started");
        Assert.Equal(1, _lease.Record!.LeaderTransitions);

        await stop.CancelAsync();
        await Eventually.CompletesAsync(Task.WhenAll(runA, runB), "both candidates to stop");
    }

    [Fact]
    public async Task Graceful_shutdown_stops_the_workers_then_releases_the_lease_for_an_immediate_takeover()
    {
        var reconciles = new ConcurrentQueue<(string Identity, long At)>();
        await using var a = new OperatorReplica(new InMemoryLeaseLock(_lease, "a"), Fast, reconciles);
        await using var b = new OperatorReplica(new InMemoryLeaseLock(_lease, "b"), Fast, reconciles);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.Election.RunAsync(stopA.Token);
        await Eventually.TrueAsync(() => a.Election.IsLeader, "a to lead");
        var runB = b.Election.RunAsync(stopB.Token);
        await Eventually.TrueAsync(() => b.Election.Leader == "a", "b to see a as leader");

        await stopA.CancelAsync();
        await Eventually.CompletesAsync(runA, "a to shut down");
        Assert.False(a.Controller.IsRunning);
        Assert.NotEqual("a", _lease.Record!.HolderIdentity);

        await Eventually.TrueAsync(() => b.Election.IsLeader, "b to take over");
        Assert.True(b.Controller.IsRunning);

        await stopB.CancelAsync();
        await Eventually.CompletesAsync(runB, "b to shut down");
        Assert.Equal(string.Empty, _lease.Record!.HolderIdentity);
    }

    [Fact]
    public async Task Leadership_token_is_cancelled_when_leadership_ends()
    {
        var candidate = new LeaderElection(new InMemoryLeaseLock(_lease, "solo"), Fast);
        var token = new TaskCompletionSource<CancellationToken>();
        var stopped = false;
        candidate.OnStartedLeading = ct =>
        {
            token.SetResult(ct);
            return Task.CompletedTask;
        };
        candidate.OnStoppedLeading = () =>
        {
            stopped = true;
            return Task.CompletedTask;
        };
        using var stop = new CancellationTokenSource();
        var run = candidate.RunAsync(stop.Token);

        var leadership = await Eventually.CompletesAsync(token.Task, "leadership to start");
        Assert.False(leadership.IsCancellationRequested);
        await stop.CancelAsync();
        await Eventually.CompletesAsync(run, "the candidate to stop");

        Assert.True(leadership.IsCancellationRequested);
        Assert.True(stopped);
        Assert.False(candidate.IsLeader);
    }

    [Fact]
    public void Rejects_timings_that_could_give_two_leaders()
    {
        var error = Assert.Throws<ArgumentException>(() => new LeaderElectionOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(10),
            RenewDeadline = TimeSpan.FromSeconds(10),
        }.Validate());
        Assert.Contains("LeaseDuration", error.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new LeaderElectionOptions { RetryPeriod = TimeSpan.FromSeconds(9) }.Validate());
        new LeaderElectionOptions().Validate();
    }

    [Fact]
    public void Identities_are_the_host_name_plus_a_random_suffix()
    {
        var first = LeaderElectionOptions.NewIdentity();
        var second = LeaderElectionOptions.NewIdentity();

        Assert.NotEqual(first, second);
        Assert.StartsWith(Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName, first, StringComparison.Ordinal);
    }

    private LeaderElection Candidate(string identity, out InMemoryLeaseLock lockObject)
    {
        lockObject = new InMemoryLeaseLock(_lease, identity);
        return new LeaderElection(lockObject, new LeaderElectionOptions(), _time);
    }
}
