using System.Collections.Concurrent;
using k8s;

namespace AiGuard.Sandbox.Tests.Support;

/// <summary>Runs a KubernetesClient watch and records its events, errors and closing for assertions.</summary>
public sealed class WatchRecorder<T> : IDisposable
{
    private readonly Watcher<T> watcher;

    public WatchRecorder(Func<Action<WatchEventType, T>, Action<Exception>, Action, Watcher<T>> start)
    {
        watcher = start((type, obj) => Events.Enqueue((type, obj)), e => Errors.Enqueue(e), () => Closed.TrySetResult());
    }

    public ConcurrentQueue<(WatchEventType Type, T Object)> Events { get; } = new();

    public ConcurrentQueue<Exception> Errors { get; } = new();

    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<int> WaitForAsync(Func<(WatchEventType Type, T Object), bool> match, int count = 1, string what = "watch events") =>
        Eventually.ReturnsAsync(() => Task.FromResult(Events.Count(match)), n => n >= count, what: what);

    public void Dispose() => watcher.Dispose();
}
