namespace AiGuard.Operator.Hosting;

/// <summary>OperatorState is what this replica knows about itself: its identity, whether it leads, who leads, whether its caches are warm.</summary>
public sealed class OperatorState
{
    private readonly IOperatorCore _core;
    private volatile bool _leading;
    private volatile string? _leader;

    /// <summary>Creates the state of a replica called <paramref name="identity"/> running <paramref name="core"/>.</summary>
    public OperatorState(string identity, IOperatorCore core)
    {
        Identity = identity;
        _core = core;
    }

    /// <summary>This replica's identity in the Lease.</summary>
    public string Identity { get; }

    /// <summary>True while this replica runs the workers.</summary>
    public bool IsLeader => _leading;

    /// <summary>The holder of the Lease last seen, or this replica when it leads alone; null before anything is known.</summary>
    public string? Leader => _leader;

    /// <summary>True once every cache has listed its objects.</summary>
    public bool CachesSynced => _core.CachesSynced;

    internal void StartedLeading()
    {
        _leader = Identity;
        _leading = true;
    }

    internal void StoppedLeading() => _leading = false;

    internal void ObservedLeader(string leader) => _leader = leader;
}
