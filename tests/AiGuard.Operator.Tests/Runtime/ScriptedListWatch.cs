using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Runtime;

/// <summary>
/// A list-watch source for ConfigMaps that the test scripts: the current server state (served in pages by LIST),
/// failures of the next LIST or WATCH calls, and for each open watch the events, bookmarks, ERROR events, closes and
/// errors to deliver. Objects cross it as JSON copies, like over the wire.
/// </summary>
internal sealed class ScriptedListWatch : IListWatchClient<V1ConfigMap>
{
    private readonly Lock _gate = new();
    private readonly Queue<Exception> _listFailures = new();
    private readonly Queue<Exception> _watchFailures = new();
    private readonly List<ListCall> _listCalls = [];
    private readonly List<ScriptedWatch> _watches = [];
    private List<V1ConfigMap> _objects = [];
    private string _resourceVersion = "1";
    private bool _expireContinue;

    public IReadOnlyList<ListCall> ListCalls
    {
        get
        {
            lock (_gate)
            {
                return [.. _listCalls];
            }
        }
    }

    public IReadOnlyList<ScriptedWatch> Watches
    {
        get
        {
            lock (_gate)
            {
                return [.. _watches];
            }
        }
    }

    public static V1ConfigMap ConfigMap(string name, string resourceVersion, string ns = "default", bool withManagedFields = false) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            ResourceVersion = resourceVersion,
            ManagedFields = withManagedFields
                ? [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply", FieldsType = "FieldsV1" }]
                : null,
        },
        Data = new Dictionary<string, string> { ["rv"] = resourceVersion },
    };

    public static V1ConfigMap Copy(V1ConfigMap item) => KubernetesJson.Deserialize<V1ConfigMap>(KubernetesJson.Serialize(item));

    /// <summary>Sets what the next LIST returns.</summary>
    public void SetState(string resourceVersion, params IEnumerable<V1ConfigMap> objects)
    {
        lock (_gate)
        {
            _resourceVersion = resourceVersion;
            _objects = [.. objects];
        }
    }

    public void FailNextList(Exception error)
    {
        lock (_gate)
        {
            _listFailures.Enqueue(error);
        }
    }

    /// <summary>The next LIST call that carries a continue token answers 410 Gone.</summary>
    public void ExpireNextContinueToken()
    {
        lock (_gate)
        {
            _expireContinue = true;
        }
    }

    public void FailNextWatch(Exception error)
    {
        lock (_gate)
        {
            _watchFailures.Enqueue(error);
        }
    }

    public Task<ListPage<V1ConfigMap>> ListAsync(string? @namespace, string? labelSelector, int limit, string? continueToken, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _listCalls.Add(new ListCall(@namespace, labelSelector, limit, continueToken));
            if (_listFailures.TryDequeue(out var failure))
            {
                throw failure;
            }

            if (continueToken is not null && _expireContinue)
            {
                _expireContinue = false;
                throw new KubernetesApiException(410, "Expired", "The provided continue parameter is too old");
            }

            var start = continueToken is null ? 0 : int.Parse(continueToken, System.Globalization.CultureInfo.InvariantCulture);
            var items = _objects.Skip(start).Take(limit).Select(Copy).ToList();
            var next = start + limit < _objects.Count ? (start + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new ListPage<V1ConfigMap>(items, _resourceVersion, next));
        }
    }

    public async IAsyncEnumerable<WatchEvent<V1ConfigMap>> WatchAsync(
        string? @namespace,
        string? labelSelector,
        string resourceVersion,
        int timeoutSeconds,
        bool allowBookmarks,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ScriptedWatch watch;
        lock (_gate)
        {
            watch = new ScriptedWatch(new WatchCall(@namespace, labelSelector, resourceVersion, timeoutSeconds, allowBookmarks));
            _watches.Add(watch);
            if (_watchFailures.TryDequeue(out var failure))
            {
                watch.Fail(failure);
            }
        }

        await foreach (var step in watch.Steps.ReadAllAsync(cancellationToken))
        {
            if (step.Error is not null)
            {
                throw step.Error;
            }

            yield return step.Event!;
        }
    }

    internal sealed record ListCall(string? Namespace, string? LabelSelector, int Limit, string? Continue);

    internal sealed record WatchCall(string? Namespace, string? LabelSelector, string ResourceVersion, int TimeoutSeconds, bool AllowBookmarks);

    internal sealed record Step(WatchEvent<V1ConfigMap>? Event, Exception? Error);

    /// <summary>One open watch; the test pushes what the server sends.</summary>
    internal sealed class ScriptedWatch(WatchCall call)
    {
        private readonly Channel<Step> _steps = Channel.CreateUnbounded<Step>();

        public WatchCall Call { get; } = call;

        public ChannelReader<Step> Steps => _steps.Reader;

        public ScriptedWatch Send(WatchEventType type, V1ConfigMap item)
        {
            _steps.Writer.TryWrite(new Step(new WatchEvent<V1ConfigMap>(type, Copy(item)), null));
            return this;
        }

        public ScriptedWatch Bookmark(string resourceVersion) =>
            Send(WatchEventType.Bookmark, new V1ConfigMap { Metadata = new V1ObjectMeta { ResourceVersion = resourceVersion } });

        public ScriptedWatch ErrorEvent(int code, string reason) =>
            Push(new Step(WatchEvent<V1ConfigMap>.Error(new V1Status { Code = code, Reason = reason, Message = reason }), null));

        public void Close() => _steps.Writer.TryComplete();

        public void Fail(Exception error)
        {
            _steps.Writer.TryWrite(new Step(null, error));
            _steps.Writer.TryComplete();
        }

        private ScriptedWatch Push(Step step)
        {
            _steps.Writer.TryWrite(step);
            return this;
        }
    }
}
