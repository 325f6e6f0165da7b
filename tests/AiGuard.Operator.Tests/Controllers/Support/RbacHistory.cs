using System.Globalization;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>
/// RbacHistory records every Role and RoleBinding watch event of a namespace from before the test acts, so a test can
/// show that a grant never existed, not even for one event. It is started only once a marker Role it created has
/// been seen: nothing created afterwards can slip past the watch.
/// </summary>
public sealed class RbacHistory : IDisposable
{
    private const string Marker = "rbac-history-marker";
    private readonly List<Entry> _entries = [];
    private readonly List<IDisposable> _watches = [];

    private RbacHistory()
    {
    }

    /// <summary>One watch event.</summary>
    public sealed record Entry(long Version, WatchEventType Type, IKubernetesObject<V1ObjectMeta> Object)
    {
        public string Name => Object.Metadata.Name;
    }

    /// <summary>Starts both watches and waits until they deliver events.</summary>
    public static async Task<RbacHistory> StartAsync(Kubernetes client, string ns)
    {
        var history = new RbacHistory();
        // The callback watch is marked for a future rename only; it is what this client version offers per type.
#pragma warning disable CS0618
        history._watches.Add(client.RbacAuthorizationV1.ListNamespacedRoleWithHttpMessagesAsync(ns, watch: true)
            .Watch<V1Role, V1RoleList>((type, r) => history.Record(type, r)));
        history._watches.Add(client.RbacAuthorizationV1.ListNamespacedRoleBindingWithHttpMessagesAsync(ns, watch: true)
            .Watch<V1RoleBinding, V1RoleBindingList>((type, b) => history.Record(type, b)));
#pragma warning restore CS0618
        await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role { Metadata = new V1ObjectMeta { Name = Marker, NamespaceProperty = ns } }, ns);
        await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = Marker, NamespaceProperty = ns },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = Marker },
        }, ns);
        await Eventually.TrueAsync(() => Task.FromResult(
            history.Events.Count(e => e.Name == Marker && e.Type == WatchEventType.Added) == 2), "both RBAC watches to deliver the marker");
        return history;
    }

    /// <summary>Every event so far, ordered by resourceVersion.</summary>
    public IReadOnlyList<Entry> Events
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries.OrderBy(e => e.Version)];
            }
        }
    }

    private void Record(WatchEventType type, IKubernetesObject<V1ObjectMeta> obj)
    {
        lock (_entries)
        {
            _entries.Add(new Entry(long.Parse(obj.Metadata.ResourceVersion, CultureInfo.InvariantCulture), type, obj));
        }
    }

    public void Dispose() => _watches.ForEach(w => w.Dispose());
}
