using AiGuard.Engine.Inventory;

namespace AiGuard.Operator.Inventory;

/// <summary>
/// UnmanagedWorkloadInventory is the operator's one list of shadow AI: the compact result of the last scan, a
/// version that grows with every change, and a <see cref="Changed"/> event, so the policy report writer and the
/// metric read one shared answer instead of scanning again. Thread-safe; readers get an immutable snapshot.
/// </summary>
public sealed class UnmanagedWorkloadInventory
{
    private readonly Lock _gate = new();
    private IReadOnlyList<UnmanagedWorkload> _snapshot = [];
    private long _version;
    private DateTimeOffset? _lastScan;

    /// <summary>Raised after the snapshot changed (not when a scan found the same workloads); handlers run on the scanner's thread.</summary>
    public event EventHandler? Changed;

    /// <summary>The workloads of the last scan, ordered by namespace, kind and name.</summary>
    public IReadOnlyList<UnmanagedWorkload> Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot;
            }
        }
    }

    /// <summary>0 before the first scan; grows by one with every change of <see cref="Snapshot"/>.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>When the last scan finished, or null before the first.</summary>
    public DateTimeOffset? LastScan
    {
        get
        {
            lock (_gate)
            {
                return _lastScan;
            }
        }
    }

    /// <summary>
    /// Replaces the snapshot with <paramref name="workloads"/> (a scan's result) and raises <see cref="Changed"/>
    /// when it differs from the previous one. Returns true when it changed.
    /// </summary>
    public bool Replace(IEnumerable<UnmanagedWorkload> workloads, DateTimeOffset scannedAt)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        IReadOnlyList<UnmanagedWorkload> ordered = [.. workloads
            .OrderBy(w => w.Namespace, StringComparer.Ordinal)
            .ThenBy(w => w.Kind, StringComparer.Ordinal)
            .ThenBy(w => w.Name, StringComparer.Ordinal)];
        lock (_gate)
        {
            _lastScan = scannedAt;
            if (_version > 0 && ordered.SequenceEqual(_snapshot))
            {
                return false;
            }

            _snapshot = ordered;
            _version++;
        }

        Changed?.Invoke(this, EventArgs.Empty);
        return true;
    }
}
