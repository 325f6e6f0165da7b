namespace AiGuard.Sandbox.Storage;

/// <summary>The one global resourceVersion counter, like etcd's revision: every write takes the next value.</summary>
internal sealed class ResourceVersionClock
{
    private long current = 1000;

    public long Current => Interlocked.Read(ref current);

    public long Next() => Interlocked.Increment(ref current);
}
