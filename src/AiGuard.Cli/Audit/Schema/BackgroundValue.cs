namespace AiGuard.Cli.Audit.Schema;

/// <summary>
/// BackgroundValue starts computing a lazy value on one thread of its own, so that whoever needs it later finds it
/// ready or in progress instead of computing it while others wait. It starts at most one thread however often it is
/// asked: every input file over one part asks, and each file read before the value is ready started a thread of its
/// own that only waited for the first (an audit of 1,000 files of 39 KB started 82 threads, 8 with this), one per
/// file on a slower start, against a container's task limit (pids.max). A failure is kept by the lazy value and
/// thrown to whoever reads it, as without this.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="value">The value; read by the thread and by whoever needs it.</param>
/// <param name="threadName">The thread's name, as it shows in a debugger or <c>/proc</c>.</param>
public sealed class BackgroundValue<T>(Lazy<T> value, string threadName)
{
    private int _started;

    /// <summary>Starts computing the value unless it is computed or being computed; true when this call started it.</summary>
    public bool Start()
    {
        if (value.IsValueCreated || Interlocked.Exchange(ref _started, 1) != 0)
        {
            return false;
        }
        new Thread(() =>
        {
            try
            {
                _ = value.Value;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Kept by the lazy value: it is thrown on the thread that reads it.
            }
        })
        {
            IsBackground = true,
            Name = threadName,
        }.Start();
        return true;
    }
}
