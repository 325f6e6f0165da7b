using System.Collections.Concurrent;
using System.Diagnostics;
using AiGuard.Operator.Runtime;
using AiGuard.Sandbox;
using AiGuard.Sandbox.Faults;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>The runtime against the in-memory API server over real HTTP: the informer's list-watch protocol and
/// leader election on a coordination.k8s.io/v1 Lease between two operator replicas.</summary>
public sealed class SandboxRuntimeTests : IAsyncLifetime
{
    private const string ManagedBy = "app.kubernetes.io/managed-by=aiguard-operator";

    private static readonly LeaderElectionOptions Fast = new()
    {
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromSeconds(1),
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    private readonly ConcurrentQueue<string> _requests = new();
    private SandboxServer? _server;
    private Kubernetes? _client;

    private SandboxServer Server => _server!;

    private Kubernetes Client => _client!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions
        {
            BookmarkInterval = TimeSpan.FromMilliseconds(200),
            RequestLog = _requests.Enqueue,
        });
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Informer_follows_the_api_server_through_pages_watch_closes_and_expired_history()
    {
        for (var i = 0; i < 7; i++)
        {
            await CreateConfigMapAsync($"child-{i}", managed: true);
        }

        await CreateConfigMapAsync("not-ours", managed: false);
        var events = new ConcurrentQueue<string>();
        var informer = new Informer<V1ConfigMap>(
            new KubernetesListWatchClient<V1ConfigMap>(Client),
            new InformerOptions { Namespace = "default", LabelSelector = ManagedBy, PageSize = 3 });
        informer.AddEventHandler(new ResourceEventHandler<V1ConfigMap>(
            OnAdd: c => events.Enqueue($"add {c.Metadata.Name}"),
            OnUpdate: (_, c) => events.Enqueue($"update {c.Metadata.Name}"),
            OnDelete: c => events.Enqueue($"delete {c.Metadata.Name}")));
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        await Eventually.CompletesAsync(informer.WaitForSyncAsync(), "the informer to sync");
        Assert.Equal(7, informer.Store.Count); // the selector keeps not-ours out of memory
        Assert.Equal(3, Requests("GET /api/v1/namespaces/default/configmaps?limit=3").Count); // pages of 3, 3 and 1
        Assert.All(informer.Store.List(), c => Assert.Null(c.Metadata.ManagedFields));

        // Live changes arrive over the watch.
        await CreateConfigMapAsync("child-7", managed: true);
        var changed = await Client.CoreV1.ReadNamespacedConfigMapAsync("child-1", "default");
        changed.Data = new Dictionary<string, string> { ["v"] = "2" };
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(changed, "child-1", "default");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("child-2", "default");
        await Eventually.TrueAsync(() => events.Contains("delete child-2"), "the delete to arrive");
        Assert.Equal(7, informer.Store.Count);
        Assert.Equal("2", informer.Store.Get("default", "child-1")!.Data["v"]);
        Assert.Contains("add child-7", events);
        Assert.Contains("update child-1", events);

        // A closed watch resumes from the last resourceVersion, without a new LIST. (The request log shows a watch
        // once it ended; the request counter counts it when it starts.)
        var lists = Requests("?limit=3").Count;
        var watches = WatchesStarted();
        var seen = long.Parse(informer.LastSyncResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
        Server.Faults.CloseWatches("configmaps");
        await Eventually.TrueAsync(() => WatchesStarted() > watches, "a new watch");
        Assert.Equal(lists, Requests("?limit=3").Count);
        var closed = Assert.Single(Requests("watch=true"));
        Assert.Contains("allowWatchBookmarks=true", closed, StringComparison.Ordinal);

        // History expires while the informer is away (its next watch fails once): it gets 410, lists again and
        // synthesizes the delete it missed.
        Server.Faults.Add(new FaultRule { Verb = "watch", Resource = "configmaps", StatusCode = 503, Count = 1 });
        Server.Faults.CloseWatches("configmaps");
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("child-3", "default");
        Server.Faults.CompactHistory();
        await Eventually.TrueAsync(() => events.Contains("delete child-3"), "the missed delete to be synthesized");
        Assert.True(Requests("?limit=3").Count > lists, "the informer should have listed again");
        Assert.True(WatchedFrom(Requests("watch=true")[1]) >= seen, "the second watch should resume from the last seen resourceVersion");
        Assert.Equal(6, informer.Store.Count);
        Assert.Null(informer.Store.Get("default", "child-3"));

        await stop.CancelAsync();
        await Eventually.CompletesAsync(run, "the informer to stop");
    }

    [Fact]
    public async Task Exactly_one_of_two_replicas_reconciles_and_the_standby_takes_over_a_dead_leaders_lease()
    {
        var reconciles = new ConcurrentQueue<(string Identity, long At)>();
        using var clientA = Server.CreateClient();
        using var clientB = Server.CreateClient();
        var crashing = Fast with { ReleaseOnCancel = false }; // a killed process releases nothing
        await using var a = new OperatorReplica(LeaderElection.LeaseLock(clientA, "default", "aiguard-operator", "replica-a"), crashing, reconciles);
        await using var b = new OperatorReplica(LeaderElection.LeaseLock(clientB, "default", "aiguard-operator", "replica-b"), Fast, reconciles);
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.Election.RunAsync(stopA.Token);
        await Eventually.TrueAsync(() => a.Election.IsLeader, "replica-a to lead");
        var runB = b.Election.RunAsync(stopB.Token);
        using var feeding = OperatorReplica.FeedBoth(a, b);

        await Eventually.TrueAsync(() => b.Election.Leader == "replica-a" && reconciles.Count >= 20, "a to reconcile while b stands by");
        Assert.All(reconciles, r => Assert.Equal("replica-a", r.Identity));
        var lease = await Client.CoordinationV1.ReadNamespacedLeaseAsync("aiguard-operator", "default");
        Assert.Equal("replica-a", lease.Spec.HolderIdentity);
        Assert.Equal(2, lease.Spec.LeaseDurationSeconds);

        var killed = Stopwatch.GetTimestamp();
        await stopA.CancelAsync();
        await Eventually.CompletesAsync(runA, "replica-a to die");
        await Eventually.TrueAsync(() => b.Election.IsLeader, "replica-b to take over");
        var takeover = Stopwatch.GetElapsedTime(killed);
        await Eventually.TrueAsync(() => reconciles.Any(r => r.Identity == "replica-b"), "replica-b to reconcile");

        // Never before the dead leader's lease could expire; the upper bound (LeaseDuration + RenewDeadline) is a figure
        // of the bench's failover scenario: a loaded machine can delay any wall-clock bound.
        Assert.True(takeover >= Fast.LeaseDuration - Fast.RetryPeriod, $"takeover before the lease could expire ({takeover})");
        var lastOfA = reconciles.Where(r => r.Identity == "replica-a").Max(r => r.At);
        var firstOfB = reconciles.Where(r => r.Identity == "replica-b").Min(r => r.At);
        Assert.True(lastOfA < firstOfB, "both replicas reconciled at the same time");
        lease = await Client.CoordinationV1.ReadNamespacedLeaseAsync("aiguard-operator", "default");
        Assert.Equal("replica-b", lease.Spec.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);

        // A graceful shutdown stops the workers and hands the lease back.
        await stopB.CancelAsync();
        await Eventually.CompletesAsync(runB, "replica-b to shut down");
        Assert.False(b.Controller.IsRunning);
        lease = await Client.CoordinationV1.ReadNamespacedLeaseAsync("aiguard-operator", "default");
        Assert.True(string.IsNullOrEmpty(lease.Spec.HolderIdentity), $"lease still held by {lease.Spec.HolderIdentity}");
    }

    private async Task CreateConfigMapAsync(string name, bool managed)
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = managed ? new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "aiguard-operator" } : null,
            },
            Data = new Dictionary<string, string> { ["v"] = "1" },
        }, "default");
    }

    private static long WatchedFrom(string logLine)
    {
        var match = System.Text.RegularExpressions.Regex.Match(logLine, "resourceVersion=([0-9]+)");
        Assert.True(match.Success, $"no resourceVersion in {logLine}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private long WatchesStarted() => Server.Metrics.Count("watch", "configmaps");

    private List<string> Requests(string containing) =>
        _requests.Where(r => r.Contains(containing, StringComparison.Ordinal)).ToList();
}
