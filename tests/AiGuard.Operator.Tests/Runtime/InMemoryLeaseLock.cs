using System.Net;
using k8s.Autorest;
using k8s.LeaderElection;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>The one lease record several candidates compete for, with a version for optimistic concurrency.</summary>
internal sealed class SharedLease
{
    private readonly Lock _gate = new();
    private LeaderElectionRecord? _record;
    private long _version;

    public LeaderElectionRecord? Record
    {
        get
        {
            lock (_gate)
            {
                return _record is null ? null : Copy(_record);
            }
        }
    }

    public (LeaderElectionRecord? Record, long Version) Read()
    {
        lock (_gate)
        {
            return (_record is null ? null : Copy(_record), _version);
        }
    }

    public bool TryWrite(LeaderElectionRecord record, long expectedVersion, out long newVersion)
    {
        lock (_gate)
        {
            newVersion = _version;
            if (_version != expectedVersion)
            {
                return false; // 409 Conflict: someone wrote since this candidate read
            }

            _record = Copy(record);
            newVersion = ++_version;
            return true;
        }
    }

    public static LeaderElectionRecord Copy(LeaderElectionRecord r) => new()
    {
        HolderIdentity = r.HolderIdentity,
        LeaseDurationSeconds = r.LeaseDurationSeconds,
        AcquireTime = r.AcquireTime,
        RenewTime = r.RenewTime,
        LeaderTransitions = r.LeaderTransitions,
    };
}

/// <summary>
/// One candidate's view of a <see cref="SharedLease"/>, behaving like KubernetesClient's LeaseLock: Get of a missing
/// lease throws 404, Create fails when it exists, Update fails on a version conflict, and
/// <see cref="Unreachable"/> simulates a network partition between this candidate and the API server.
/// </summary>
internal sealed class InMemoryLeaseLock(SharedLease lease, string identity) : ILock
{
    private long _seenVersion = -1;

    public string Identity { get; } = identity;

    public volatile bool Unreachable;

    public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        var (record, version) = lease.Read();
        if (record is null)
        {
            throw new HttpOperationException("leases.coordination.k8s.io \"aiguard-operator\" not found")
            {
                Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.NotFound), string.Empty),
            };
        }

        _seenVersion = version;
        return Task.FromResult(record);
    }

    public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        var created = lease.TryWrite(record, 0, out var version);
        if (created)
        {
            _seenVersion = version;
        }

        return Task.FromResult(created);
    }

    public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default)
    {
        ThrowIfUnreachable();
        var updated = lease.TryWrite(record, _seenVersion, out var version);
        if (updated)
        {
            _seenVersion = version;
        }

        return Task.FromResult(updated);
    }

    public string Describe() => "aiguard-system/aiguard-operator";

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new HttpRequestException("connection refused");
        }
    }
}
