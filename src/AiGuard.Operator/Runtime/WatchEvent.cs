using k8s;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// WatchEvent is one line of a WATCH stream: ADDED, MODIFIED, DELETED or BOOKMARK carry <see cref="Object"/>;
/// ERROR carries <see cref="Status"/> (code 410 means the resourceVersion expired).
/// </summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, V1Status? Status = null)
{
    /// <summary>An ERROR event carrying <paramref name="status"/>.</summary>
    public static WatchEvent<T> Error(V1Status status) => new(WatchEventType.Error, default, status);
}
