using System.Collections.Concurrent;
using System.Diagnostics;
using AiGuard.Operator.Runtime;
using k8s.LeaderElection;
using Prometheus;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>
/// One operator process as leader election sees it: a work queue (fed as its informers would be), a controller
/// whose reconciles are recorded with the replica's identity, and a candidate that runs the workers only while
/// it leads.
/// </summary>
internal sealed class OperatorReplica : IAsyncDisposable
{
    public OperatorReplica(ILock lockObject, LeaderElectionOptions options, ConcurrentQueue<(string Identity, long At)> reconciles)
    {
        var identity = lockObject.Identity;
        var metrics = new RuntimeMetrics(Metrics.NewCustomRegistry());
        Lock = lockObject;
        Queue = new WorkQueue<string>(identity, metrics: metrics);
        Controller = new Controller<string>(Queue, (_, _) =>
        {
            reconciles.Enqueue((identity, Stopwatch.GetTimestamp()));
            return Task.FromResult(ReconcileResult.Done);
        }, new ControllerOptions { Name = identity }, metrics);
        Election = new LeaderElection(lockObject, options)
        {
            OnStartedLeading = _ =>
            {
                Controller.Start();
                return Task.CompletedTask;
            },
            OnStoppedLeading = Controller.StopAsync,
        };
    }

    public ILock Lock { get; }

    public WorkQueue<string> Queue { get; }

    public Controller<string> Controller { get; }

    public LeaderElection Election { get; }

    /// <summary>Adds the same keys to every replica's queue until disposed: all replicas watch the same objects.</summary>
    public static IDisposable FeedBoth(params OperatorReplica[] replicas)
    {
        var feeder = new Feeder();
        _ = Task.Run(async () =>
        {
            for (var i = 0; !feeder.Stop.IsCancellationRequested; i++)
            {
                foreach (var replica in replicas)
                {
                    replica.Queue.Add($"ml-prod/model-{i % 50}");
                }

                await Task.Delay(5);
            }
        });
        return feeder;
    }

    public async ValueTask DisposeAsync()
    {
        await Controller.DisposeAsync();
        Queue.Dispose();
    }

    private sealed class Feeder : IDisposable
    {
        public CancellationTokenSource Stop { get; } = new();

        public void Dispose() => Stop.Cancel(); // the loop reads the token, so it is never disposed under it
    }
}
