using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Hosting;

namespace AiGuard.Operator.Tests.Hosting;

/// <summary>
/// A controller core that records when its workers run, so host tests can see leadership from the outside.
/// Its caches "sync" when the test says so (or at once).
/// </summary>
internal sealed class RecordingCore(bool syncAtOnce = true) : IOperatorCore
{
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _starts;

    public bool CachesSynced => _synced.Task.IsCompleted;

    /// <summary>True while RunWorkersAsync runs.</summary>
    public bool WorkersRunning => Volatile.Read(ref _running) == 1;

    /// <summary>How many times workers were started.</summary>
    public int WorkerStarts => Volatile.Read(ref _starts);

    public CancellationToken CachesToken { get; private set; }

    public IEnumerable<ModelDeployment> CachedModelDeployments => [];

    public void Sync() => _synced.TrySetResult();

    public Task StartCachesAsync(CancellationToken cancellationToken)
    {
        CachesToken = cancellationToken;
        if (syncAtOnce)
        {
            Sync();
        }

        return Task.CompletedTask;
    }

    public async Task RunWorkersAsync(CancellationToken leadership)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("workers started twice");
        }

        Interlocked.Increment(ref _starts);
        try
        {
            await Task.Delay(Timeout.Infinite, leadership);
        }
        catch (OperationCanceledException) when (leadership.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
