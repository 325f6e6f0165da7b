namespace AiGuard.Operator.Runtime;

/// <summary>ControllerOptions configures a <see cref="Controller{TKey}"/>.</summary>
public sealed record ControllerOptions
{
    /// <summary>Name used in logs (default "controller").</summary>
    public string Name { get; init; } = "controller";

    /// <summary>
    /// Concurrent reconciles (default 4). The queue guarantees one key is never reconciled twice at once, so more
    /// workers only add parallelism across different objects.
    /// </summary>
    public int Workers { get; init; } = 4;
}
