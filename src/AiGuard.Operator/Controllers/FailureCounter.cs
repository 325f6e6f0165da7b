using System.Collections.Concurrent;
using AiGuard.Operator.Runtime;

namespace AiGuard.Operator.Controllers;

/// <summary>FailureCounter counts consecutive failed reconciles per key; a success resets it.</summary>
public sealed class FailureCounter
{
    private readonly ConcurrentDictionary<ObjectKey, int> _failures = new();

    /// <summary>Counts one more failure and returns the number in a row.</summary>
    public int Fail(ObjectKey key) => _failures.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>Resets the key after a success (or its deletion).</summary>
    public void Succeed(ObjectKey key) => _failures.TryRemove(key, out _);

    /// <summary>Failures in a row so far.</summary>
    public int Count(ObjectKey key) => _failures.GetValueOrDefault(key);
}
