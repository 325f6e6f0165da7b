namespace AiGuard.Operator.Controllers;

/// <summary>OperatorCoreOptions configures an <see cref="OperatorCore"/>; defaults are documented in place.</summary>
public sealed record OperatorCoreOptions
{
    /// <summary>The default of <see cref="InventoryScanInterval"/>: shadow AI is an inventory, minutes of delay are fine.</summary>
    public static readonly TimeSpan DefaultInventoryScanInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Namespaces whose ModelDeployments, GuardExceptions and children are watched; empty (default) watches all
    /// namespaces. Cluster-scoped types (GuardPolicies, Namespaces, ClusterRoleBindings) are always watched cluster-wide.
    /// </summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Concurrent ModelDeployment reconciles (default 4). The status controllers use one worker each.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>The operator's own namespace (where it runs); informational for now, null when unknown.</summary>
    public string? OperatorNamespace { get; init; }

    /// <summary>
    /// Identity written as reportingInstance on events (default: the machine name). Events are deduplicated per
    /// object, reason and message for <see cref="EventDedupeWindow"/>.
    /// </summary>
    public string ReportingInstance { get; init; } = Environment.MachineName;

    /// <summary>The same event (object, reason, message) is emitted at most once per this window (default 10 min).</summary>
    public TimeSpan EventDedupeWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Consecutive failed reconciles of one ModelDeployment after which its status shows phase Error (default 5).</summary>
    public int FailuresBeforeError { get; init; } = 5;

    /// <summary>
    /// How soon a ModelDeployment whose child name is held by a foreign object is reconciled again (default 30 s): an
    /// unlabeled foreign object is invisible to the caches, so its removal raises no event.
    /// </summary>
    public TimeSpan NameConflictRecheck { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Delay before a GuardPolicy's status is recomputed after ModelDeployments or Namespaces change (default 1 s):
    /// a burst of new models costs one status write per policy, not one per model.
    /// </summary>
    public TimeSpan PolicyStatusBatchDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often the leader scans the watched namespaces' Deployments, StatefulSets, DaemonSets and Pods for shadow AI
    /// (default <see cref="DefaultInventoryScanInterval"/>); the first scan runs as soon as the workers start.
    /// </summary>
    public TimeSpan InventoryScanInterval { get; init; } = DefaultInventoryScanInterval;

    /// <summary>Informer settings (watch timeouts, backoff); default: client-go's values.</summary>
    public AiGuard.Operator.Runtime.InformerOptions Informers { get; init; } = new();
}
