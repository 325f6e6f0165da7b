using AiGuard.Api.ModelDeployments;

namespace AiGuard.Operator.Hosting;

/// <summary>
/// IOperatorCore is what the host runs: caches on every replica, workers only on the leader. The reconciler's
/// OperatorCore is adapted to it; tests substitute their own.
/// </summary>
public interface IOperatorCore
{
    /// <summary>True once every cache has listed its objects; <c>/readyz</c> reports it.</summary>
    bool CachesSynced { get; }

    /// <summary>Starts the caches; they keep watching until <paramref name="cancellationToken"/> is cancelled.</summary>
    Task StartCachesAsync(CancellationToken cancellationToken);

    /// <summary>Runs the workers until <paramref name="leadership"/> is cancelled, then returns once they have stopped.</summary>
    Task RunWorkersAsync(CancellationToken leadership);

    /// <summary>The ModelDeployments in the cache, for the phase and findings metrics (read at scrape time).</summary>
    IEnumerable<ModelDeployment> CachedModelDeployments { get; }
}
