using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;
using static AiGuard.Operator.Tests.Runtime.ScriptedListWatch;

namespace AiGuard.Operator.Tests.Runtime;

public sealed class InformerTests : IAsyncDisposable
{
    private readonly ScriptedListWatch _server = new();
    private readonly DelayRecordingTimeProvider _time = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _events = [];
    private Informer<V1ConfigMap>? _informer;
    private Task _run = Task.CompletedTask;

    private Informer<V1ConfigMap> Informer => _informer ?? throw new InvalidOperationException("call Start first");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Eventually.CompletesAsync(_run, "the informer to stop");
        _stop.Dispose();
    }

    [Fact]
    public async Task Lists_in_pages_of_500_then_watches_from_the_list_resource_version()
    {
        _server.SetState("1200", Enumerable.Range(0, 1200).Select(i => ConfigMap($"cm-{i}", $"{i + 1}")));

        Start();
        await WatchCountAsync(1);

        Assert.Equal(
            [new ListCall(null, null, 500, null), new ListCall(null, null, 500, "500"), new ListCall(null, null, 500, "1000")],
            _server.ListCalls);
        var watch = _server.Watches[0].Call;
        Assert.Equal("1200", watch.ResourceVersion);
        Assert.True(watch.AllowBookmarks);
        Assert.InRange(watch.TimeoutSeconds, 300, 600);
        Assert.True(Informer.HasSynced);
        Assert.Equal(1200, Informer.Store.Count);
        Assert.Equal(1200, Events().Count(e => e.StartsWith("add ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Passes_namespace_and_label_selector_to_list_and_watch()
    {
        _server.SetState("5", ConfigMap("a", "5", ns: "ml-prod"));

        Start(new InformerOptions { Namespace = "ml-prod", LabelSelector = "app.kubernetes.io/managed-by=aiguard-operator", PageSize = 50 });
        await WatchCountAsync(1);

        Assert.Equal(new ListCall("ml-prod", "app.kubernetes.io/managed-by=aiguard-operator", 50, null), _server.ListCalls.Single());
        Assert.Equal("ml-prod", _server.Watches[0].Call.Namespace);
        Assert.Equal("app.kubernetes.io/managed-by=aiguard-operator", _server.Watches[0].Call.LabelSelector);
    }

    [Fact]
    public async Task A_bookmark_moves_the_resource_version_of_the_next_watch()
    {
        _server.SetState("10", ConfigMap("a", "10"));
        Start();
        await WatchCountAsync(1);

        _server.Watches[0].Bookmark("250").Close();
        await WatchCountAsync(2);

        Assert.Equal("250", _server.Watches[1].Call.ResourceVersion);
        Assert.Single(_server.ListCalls);
        Assert.Equal(["add a@10"], Events()); // a bookmark is not a change
    }

    [Fact]
    public async Task A_closed_watch_resumes_from_the_last_event_without_listing()
    {
        _server.SetState("3", ConfigMap("a", "1"), ConfigMap("b", "2"));
        Start();
        await WatchCountAsync(1);

        _server.Watches[0]
            .Send(WatchEventType.Added, ConfigMap("d", "11"))
            .Send(WatchEventType.Modified, ConfigMap("d", "12"))
            .Send(WatchEventType.Deleted, ConfigMap("a", "13"))
            .Close();
        await WatchCountAsync(2);

        Assert.Equal("13", _server.Watches[1].Call.ResourceVersion);
        Assert.Single(_server.ListCalls);
        Assert.Empty(_time.Delays); // a healthy close resumes at once
        Assert.Equal(["add a@1", "add b@2", "add d@11", "update d@11->12", "delete a@13"], Events());
        Assert.Equal(["b", "d"], Informer.Store.List().Select(c => c.Metadata.Name).Order());
    }

    [Fact]
    public async Task An_expired_watch_lists_again_and_synthesizes_the_missed_changes()
    {
        _server.SetState("3", ConfigMap("a", "1"), ConfigMap("b", "2"), ConfigMap("c", "3"));
        Start();
        await WatchCountAsync(1);

        // While the watch was away: b changed, c was deleted, d was created, a is untouched.
        _server.SetState("6", ConfigMap("a", "1"), ConfigMap("b", "5"), ConfigMap("d", "6"));
        _server.Watches[0].ErrorEvent(410, "Expired");
        await WatchCountAsync(2);

        Assert.Equal(2, _server.ListCalls.Count);
        Assert.Equal("6", _server.Watches[1].Call.ResourceVersion);
        Assert.Equal(["add a@1", "add b@2", "add c@3", "add d@6", "update b@2->5", "delete c@3"], Events());
        Assert.Equal(["a", "b", "d"], Informer.Store.List().Select(c => c.Metadata.Name).Order());
        Assert.Equal("5", Informer.Store.Get("default", "b")!.Metadata.ResourceVersion);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task An_http_410_on_the_watch_lists_again_at_once()
    {
        _server.SetState("3", ConfigMap("a", "1"));
        _server.FailNextWatch(new KubernetesApiException(410, "Expired", "too old resource version: 3 (7)"));
        Start();
        await WatchCountAsync(2);

        Assert.Equal(2, _server.ListCalls.Count);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task An_expired_continue_token_lists_again_from_the_start()
    {
        _server.SetState("700", Enumerable.Range(0, 700).Select(i => ConfigMap($"cm-{i}", $"{i + 1}")));
        _server.ExpireNextContinueToken();
        Start();
        await WatchCountAsync(1);

        // page 1, page 2 -> 410, then the whole list again without waiting
        Assert.Equal([null, "500", null, "500"], _server.ListCalls.Select(c => c.Continue));
        Assert.Equal(700, Informer.Store.Count);
        Assert.Equal(700, Events().Count);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task Errors_back_off_from_0_8_s_doubling_to_30_s_and_reset_after_a_success()
    {
        for (var i = 0; i < 8; i++)
        {
            _server.FailNextList(new KubernetesApiException(500, "InternalError", "etcd unavailable"));
        }

        _server.SetState("1", ConfigMap("a", "1"));
        Start();
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            await DelayCountAsync(attempt);
            Assert.Equal(attempt, _server.ListCalls.Count); // nothing happens before the delay passes
            _time.Advance(_time.Delays[attempt - 1]);
        }

        await WatchCountAsync(1);
        var delays = _time.Delays.Select(d => d.TotalSeconds).ToList();
        double[] floors = [0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30, 30];
        for (var i = 0; i < floors.Length; i++)
        {
            Assert.InRange(delays[i], floors[i], Math.Min(30, floors[i] * 1.2));
        }

        // After the list succeeded, the next failure starts from the shortest delay again.
        _server.Watches[0].Fail(new HttpRequestException("connection reset"));
        await DelayCountAsync(9);
        Assert.InRange(_time.Delays[8].TotalSeconds, 0.8, 0.96);
        _time.Advance(_time.Delays[8]);
        await WatchCountAsync(2);
        Assert.Equal("1", _server.Watches[1].Call.ResourceVersion); // a watch error resumes the watch, it does not relist
        Assert.Equal(9, _server.ListCalls.Count);
    }

    [Fact]
    public async Task A_watch_error_event_other_than_410_backs_off_and_resumes_the_watch()
    {
        _server.SetState("4", ConfigMap("a", "4"));
        Start();
        await WatchCountAsync(1);

        _server.Watches[0].ErrorEvent(500, "InternalError");
        await DelayCountAsync(1);
        Assert.Single(_server.Watches);
        _time.Advance(_time.Delays[0]);
        await WatchCountAsync(2);

        Assert.Equal("4", _server.Watches[1].Call.ResourceVersion);
        Assert.Single(_server.ListCalls);
    }

    [Fact]
    public async Task A_watch_that_ends_at_once_without_events_backs_off()
    {
        _server.SetState("4", ConfigMap("a", "4"));
        Start();
        await WatchCountAsync(1);

        _server.Watches[0].Close();
        await DelayCountAsync(1);
        Assert.InRange(_time.Delays[0].TotalSeconds, 0.8, 0.96);
        _time.Advance(_time.Delays[0]);
        await WatchCountAsync(2);
    }

    [Fact]
    public async Task Managed_fields_are_dropped_before_caching()
    {
        _server.SetState("1", ConfigMap("a", "1", withManagedFields: true));
        var handed = new List<V1ConfigMap>();
        Start(handler: new ResourceEventHandler<V1ConfigMap>(OnAdd: handed.Add, OnUpdate: (_, item) => handed.Add(item)));
        await WatchCountAsync(1);

        _server.Watches[0].Send(WatchEventType.Modified, ConfigMap("a", "2", withManagedFields: true));
        await Eventually.TrueAsync(() => Informer.LastSyncResourceVersion == "2", "the update to be applied");

        Assert.Null(Informer.Store.Get("default", "a")!.Metadata.ManagedFields);
        Assert.Equal(2, handed.Count);
        Assert.All(handed, item => Assert.Null(item.Metadata.ManagedFields));
    }

    [Fact]
    public async Task The_transform_trims_listed_and_watched_objects_before_the_store_and_handlers_see_them()
    {
        var listed = ConfigMap("a", "1");
        listed.Data = new Dictionary<string, string> { ["kept"] = "k", ["bulky"] = new string('x', 4096) };
        _server.SetState("1", listed);
        var handed = new List<V1ConfigMap>();
        var transformed = 0;
        Start(
            handler: new ResourceEventHandler<V1ConfigMap>(OnAdd: handed.Add, OnUpdate: (_, item) => handed.Add(item), OnDelete: handed.Add),
            transform: item =>
            {
                Interlocked.Increment(ref transformed);
                item.Data = item.Data?.Where(pair => pair.Key == "kept").ToDictionary();
                return item;
            });
        await WatchCountAsync(1);

        var watched = ConfigMap("a", "2");
        watched.Data = new Dictionary<string, string> { ["kept"] = "k2", ["bulky"] = "y" };
        _server.Watches[0].Bookmark("3").Send(WatchEventType.Modified, watched).Send(WatchEventType.Deleted, ConfigMap("a", "4"));
        await Eventually.TrueAsync(() => handed.Count == 3, "the update and the delete");

        Assert.Equal(["kept"], handed[0].Data.Keys);
        Assert.Equal("k2", handed[1].Data["kept"]);
        Assert.Single(handed[1].Data);
        Assert.Equal(3, transformed); // the list item, the update and the delete; never the bookmark
        Assert.Null(Informer.Store.Get("default", "a"));
    }

    [Fact]
    public async Task Is_not_synced_until_the_first_list_succeeds()
    {
        _server.FailNextList(new HttpRequestException("connection refused"));
        _server.SetState("1", ConfigMap("a", "1"));
        Start();
        var synced = Informer.WaitForSyncAsync();

        await DelayCountAsync(1);
        Assert.False(Informer.HasSynced);
        Assert.False(synced.IsCompleted);
        Assert.Equal(0, Informer.Store.Count);

        _time.Advance(_time.Delays[0]);
        await Eventually.CompletesAsync(synced, "the informer to sync");
        Assert.True(Informer.HasSynced);
        Assert.Equal(1, Informer.Store.Count);
    }

    [Fact]
    public async Task Handlers_see_the_store_already_changed_and_run_in_event_order()
    {
        _server.SetState("1", ConfigMap("a", "1"));
        var violations = new List<string>();
        Start(handler: new ResourceEventHandler<V1ConfigMap>(
            OnAdd: item => Check(item, expectPresent: true),
            OnUpdate: (_, item) => Check(item, expectPresent: true),
            OnDelete: item => Check(item, expectPresent: false)));
        await WatchCountAsync(1);

        _server.Watches[0]
            .Send(WatchEventType.Modified, ConfigMap("a", "2"))
            .Send(WatchEventType.Added, ConfigMap("b", "3"))
            .Send(WatchEventType.Deleted, ConfigMap("a", "4"))
            .Send(WatchEventType.Modified, ConfigMap("b", "5"));
        await Eventually.TrueAsync(() => Events().Count == 5, "five events");

        Assert.Empty(violations);
        Assert.Equal(["add a@1", "update a@1->2", "add b@3", "delete a@4", "update b@3->5"], Events());

        void Check(V1ConfigMap item, bool expectPresent)
        {
            var cached = Informer.Store.Get(ObjectKey.Of(item));
            if (expectPresent ? !ReferenceEquals(cached, item) : cached is not null)
            {
                violations.Add($"{item.Metadata.Name}@{item.Metadata.ResourceVersion}");
            }
        }
    }

    [Fact]
    public async Task A_handler_added_after_sync_first_receives_the_cached_objects()
    {
        _server.SetState("2", ConfigMap("a", "1"), ConfigMap("b", "2"));
        Start();
        await Informer.WaitForSyncAsync();

        var late = new List<string>();
        Informer.AddEventHandler(new ResourceEventHandler<V1ConfigMap>(OnAdd: item => late.Add(item.Metadata.Name)));
        await WatchCountAsync(1);
        _server.Watches[0].Send(WatchEventType.Added, ConfigMap("c", "3"));
        await Eventually.TrueAsync(() => Informer.Store.Count == 3, "c to be cached");

        Assert.Equal(["a", "b", "c"], late.Order());
    }

    [Fact]
    public async Task A_failing_handler_does_not_stop_the_cache_or_the_other_handlers()
    {
        _server.SetState("1", ConfigMap("a", "1"));
        var informer = Start();
        informer.AddEventHandler(new ResourceEventHandler<V1ConfigMap>(OnAdd: _ => throw new InvalidOperationException("bug in a handler")));
        await WatchCountAsync(1);

        _server.Watches[0].Send(WatchEventType.Added, ConfigMap("b", "2"));
        await Eventually.TrueAsync(() => Events().Count == 2, "the healthy handler to see b");
        Assert.Equal(2, informer.Store.Count);
    }

    [Fact]
    public async Task Watch_timeouts_are_random_between_5_and_10_minutes()
    {
        _server.SetState("1", ConfigMap("a", "1"));
        Start(new InformerOptions { Random = new Random(7) });
        for (var i = 1; i <= 6; i++)
        {
            await WatchCountAsync(i);
            _server.Watches[i - 1].Bookmark($"{i + 1}").Close();
        }

        var timeouts = _server.Watches.Select(w => w.Call.TimeoutSeconds).ToList();
        Assert.All(timeouts, t => Assert.InRange(t, 300, 600));
        Assert.True(timeouts.Distinct().Count() > 1, "timeouts should differ between watches");
    }

    private Informer<V1ConfigMap> Start(
        InformerOptions? options = null, ResourceEventHandler<V1ConfigMap>? handler = null, Func<V1ConfigMap, V1ConfigMap>? transform = null)
    {
        _informer = new Informer<V1ConfigMap>(_server, options, _time, transform: transform);
        _informer.AddEventHandler(new ResourceEventHandler<V1ConfigMap>(
            OnAdd: item => Record($"add {item.Metadata.Name}@{item.Metadata.ResourceVersion}"),
            OnUpdate: (old, item) => Record($"update {item.Metadata.Name}@{old.Metadata.ResourceVersion}->{item.Metadata.ResourceVersion}"),
            OnDelete: item => Record($"delete {item.Metadata.Name}@{item.Metadata.ResourceVersion}")));
        if (handler is not null)
        {
            _informer.AddEventHandler(handler);
        }

        _run = Task.Run(() => _informer.RunAsync(_stop.Token));
        return _informer;
    }

    private void Record(string line)
    {
        lock (_events)
        {
            _events.Add(line);
        }
    }

    private List<string> Events()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    private Task WatchCountAsync(int count) => Eventually.TrueAsync(() => _server.Watches.Count >= count, $"watch #{count} to open");

    private Task DelayCountAsync(int count) => Eventually.TrueAsync(() => _time.Delays.Count >= count, $"backoff delay #{count}");
}
