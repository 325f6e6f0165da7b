using System.Threading.Channels;

namespace AiGuard.Sandbox.Storage;

/// <summary>
/// One watcher's queue. Writers only ever TryWrite (never block); a watcher that falls too far behind is
/// closed, as the real server closes slow watchers, and its client re-watches from its last resourceVersion.
/// </summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly Channel<WatchEvent> channel = Channel.CreateUnbounded<WatchEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly Action<WatchSubscription> unsubscribe;
    private readonly int maxBacklog;
    private int backlog;

    public WatchSubscription(Action<WatchSubscription> unsubscribe, int maxBacklog)
    {
        this.unsubscribe = unsubscribe;
        this.maxBacklog = maxBacklog;
    }

    public ChannelReader<WatchEvent> Reader => channel.Reader;

    /// <summary>True when the subscription was closed because the watcher could not keep up.</summary>
    public bool Overflowed { get; private set; }

    public void Offer(WatchEvent e)
    {
        if (Interlocked.Increment(ref backlog) > maxBacklog)
        {
            Overflowed = true;
            channel.Writer.TryComplete();
            return;
        }

        channel.Writer.TryWrite(e);
    }

    /// <summary>Called by the reader after taking an event off the queue.</summary>
    public void Consumed() => Interlocked.Decrement(ref backlog);

    public void Close() => channel.Writer.TryComplete();

    public void Dispose()
    {
        channel.Writer.TryComplete();
        unsubscribe(this);
    }
}
