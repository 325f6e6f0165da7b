using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Operator.Runtime;
using AiGuard.Operator.Vulnerabilities;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// OperatorCaches are every informer the operator reads from: the three AiGuard kinds, Namespaces, the managed
/// children (through the managed-by label selector, so memory follows what the operator owns) and the objects the
/// cluster-only controls inspect (all NetworkPolicies, RoleBindings and ClusterRoleBindings, managed or not), plus
/// Trivy's VulnerabilityReports while that CRD is served. Services and Deployments are cached trimmed of what the
/// API server writes and no reader uses (<see cref="ChildTrimming"/>).
/// </summary>
public sealed class OperatorCaches
{
    /// <summary>Label selector of the children informers.</summary>
    public const string ManagedSelector = ApiGroup.ManagedByLabel + "=" + ApiGroup.ManagedByValue;

    /// <summary>Index of children by the uid of their owners.</summary>
    public const string OwnerIndex = ObjectIndexers.OwnerUidIndex;

    /// <summary>RoleBindings by the ServiceAccounts their subjects reach (<see cref="BindingReach"/>): AIG-RBAC-03 across namespaces.</summary>
    public const string ReachIndex = "serviceaccount-reach";

    /// <summary>NetworkPolicies by the models whose pods they may select (<see cref="SelectorReach"/>): AIG-NET-03.</summary>
    public const string SelectsIndex = "selects-model";

    /// <summary>Creates (but does not start) the informers.</summary>
    public OperatorCaches(Kubernetes client, OperatorCoreOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        var namespaces = options.Namespaces;
        var template = options.Informers;
        CachedResource<TObject> Namespaced<TObject>(string? selector, Func<TObject, TObject>? transform = null)
            where TObject : class, IKubernetesObject<V1ObjectMeta> => new(client, namespaces, selector, template, time, loggers, transform: transform);

        // The children and the policy objects are found by owner uid, selector reach or name, never listed by
        // namespace: their stores keep no namespace index (about 50 bytes per object; List(namespace) still works).
        var unlisted = template with { IndexNamespaces = false };
        CachedResource<TObject> Child<TObject>(string? selector, Func<TObject, TObject>? transform = null)
            where TObject : class, IKubernetesObject<V1ObjectMeta> => new(client, namespaces, selector, unlisted, time, loggers, transform: transform);
        CachedResource<TObject> ClusterWide<TObject>()
            where TObject : class, IKubernetesObject<V1ObjectMeta> => new(client, null, null, template, time, loggers);

        ModelDeployments = Namespaced<ModelDeployment>(null);
        GuardExceptions = Namespaced<GuardException>(null);
        GuardPolicies = ClusterWide<GuardPolicy>();
        Namespaces = ClusterWide<V1Namespace>();
        NetworkPolicies = Child<V1NetworkPolicy>(null);
        RoleBindings = Child<V1RoleBinding>(null);
        ClusterRoleBindings = ClusterWide<V1ClusterRoleBinding>();
        ServiceAccounts = Child<V1ServiceAccount>(ManagedSelector);
        Roles = Child<V1Role>(ManagedSelector);
        Secrets = Child<V1Secret>(ManagedSelector);
        Services = Child<V1Service>(ManagedSelector, ChildTrimming.Service);
        Deployments = Child<V1Deployment>(ManagedSelector, ChildTrimming.Deployment);
        VulnerabilityReports = new VulnerabilityReports(client, options, time, loggers);

        NetworkPolicies.AddIndex(OwnerIndex, ObjectIndexers.OwnerUid);
        RoleBindings.AddIndex(OwnerIndex, ObjectIndexers.OwnerUid);
        NetworkPolicies.AddIndex(SelectsIndex, SelectorReach.Of);
        RoleBindings.AddIndex(ReachIndex, BindingReach.Of);
        ServiceAccounts.AddIndex(OwnerIndex, ObjectIndexers.OwnerUid);
        Roles.AddIndex(OwnerIndex, ObjectIndexers.OwnerUid);
        Secrets.AddIndex(OwnerIndex, ObjectIndexers.OwnerUid);
        Services.AddIndex(OwnerIndex, ObjectIndexers.OwnerUid);
        Deployments.AddIndex(OwnerIndex, ObjectIndexers.OwnerUid);
    }

    public CachedResource<ModelDeployment> ModelDeployments { get; }

    public CachedResource<GuardPolicy> GuardPolicies { get; }

    public CachedResource<GuardException> GuardExceptions { get; }

    public CachedResource<V1Namespace> Namespaces { get; }

    /// <summary>Every NetworkPolicy (managed ones are children; the others feed AIG-NET-03).</summary>
    public CachedResource<V1NetworkPolicy> NetworkPolicies { get; }

    /// <summary>Every RoleBinding (managed ones are children; the others feed AIG-RBAC-03).</summary>
    public CachedResource<V1RoleBinding> RoleBindings { get; }

    /// <summary>Every ClusterRoleBinding (AIG-RBAC-03).</summary>
    public CachedResource<V1ClusterRoleBinding> ClusterRoleBindings { get; }

    public CachedResource<V1ServiceAccount> ServiceAccounts { get; }

    public CachedResource<V1Role> Roles { get; }

    public CachedResource<V1Secret> Secrets { get; }

    public CachedResource<V1Service> Services { get; }

    public CachedResource<V1Deployment> Deployments { get; }

    /// <summary>
    /// Trivy Operator's VulnerabilityReports (AIG-IMG-03), cached only while their CRD is served; not part of
    /// <see cref="HasSynced"/>, since the operator must work without Trivy.
    /// </summary>
    public VulnerabilityReports VulnerabilityReports { get; }


    /// <summary>True once every informer has listed once.</summary>
    public bool HasSynced =>
        ModelDeployments.HasSynced && GuardPolicies.HasSynced && GuardExceptions.HasSynced && Namespaces.HasSynced
        && NetworkPolicies.HasSynced && RoleBindings.HasSynced && ClusterRoleBindings.HasSynced && ServiceAccounts.HasSynced
        && Roles.HasSynced && Secrets.HasSynced && Services.HasSynced && Deployments.HasSynced;

    /// <summary>Runs every informer until <paramref name="stopping"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(
        ModelDeployments.RunAsync(stopping), GuardPolicies.RunAsync(stopping), GuardExceptions.RunAsync(stopping),
        Namespaces.RunAsync(stopping), NetworkPolicies.RunAsync(stopping), RoleBindings.RunAsync(stopping),
        ClusterRoleBindings.RunAsync(stopping), ServiceAccounts.RunAsync(stopping), Roles.RunAsync(stopping),
        Secrets.RunAsync(stopping), Services.RunAsync(stopping), Deployments.RunAsync(stopping), VulnerabilityReports.RunAsync(stopping));

    /// <summary>Completes when every informer has synced.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.WhenAll(
        ModelDeployments.WaitForSyncAsync(cancellationToken), GuardPolicies.WaitForSyncAsync(cancellationToken),
        GuardExceptions.WaitForSyncAsync(cancellationToken), Namespaces.WaitForSyncAsync(cancellationToken),
        NetworkPolicies.WaitForSyncAsync(cancellationToken), RoleBindings.WaitForSyncAsync(cancellationToken),
        ClusterRoleBindings.WaitForSyncAsync(cancellationToken), ServiceAccounts.WaitForSyncAsync(cancellationToken),
        Roles.WaitForSyncAsync(cancellationToken), Secrets.WaitForSyncAsync(cancellationToken),
        Services.WaitForSyncAsync(cancellationToken), Deployments.WaitForSyncAsync(cancellationToken));

    /// <summary>Labels of a cached Namespace (empty when unknown).</summary>
    public IReadOnlyDictionary<string, string> NamespaceLabels(string @namespace) =>
        (IReadOnlyDictionary<string, string>?)Namespaces.Get(null, @namespace)?.Metadata?.Labels ?? new Dictionary<string, string>();
}
