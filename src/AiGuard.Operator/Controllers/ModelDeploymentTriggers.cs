using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Policies;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// ModelDeploymentTriggers decide which ModelDeployments to reconcile when something they depend on changes:
/// the model itself (spec, labels, annotations; not our own status writes), its children (by the
/// aiguard.io/model-deployment label), GuardPolicies (every model in the namespaces selected before AND after the
/// change), GuardExceptions (the models they name, old and new), Namespace labels, and foreign NetworkPolicies,
/// RoleBindings (every model of the namespace) and ClusterRoleBindings (the models whose ServiceAccount they name).
/// </summary>
public sealed class ModelDeploymentTriggers(OperatorCaches caches, WorkQueue<ObjectKey> queue)
{
    /// <summary>Subscribes to every cache.</summary>
    public void Register()
    {
        caches.ModelDeployments.AddEventHandler(new ResourceEventHandler<ModelDeployment>(
            OnAdd: m => queue.Add(ObjectKey.Of(m)),
            OnUpdate: (old, m) =>
            {
                if (SpecOrMetadataChanged(old, m))
                {
                    queue.Add(ObjectKey.Of(m));
                }
            },
            OnDelete: m => queue.Add(ObjectKey.Of(m))));

        Children(caches.ServiceAccounts);
        Children(caches.Roles);
        Children(caches.Secrets);
        Children(caches.Services);
        Children(caches.Deployments);
        ChildrenOrForeign(caches.NetworkPolicies);
        ChildrenOrForeign(caches.RoleBindings);

        caches.ClusterRoleBindings.AddEventHandler(new ResourceEventHandler<V1ClusterRoleBinding>(
            OnAdd: b => NamedServiceAccounts(b),
            OnUpdate: (old, b) => { NamedServiceAccounts(old); NamedServiceAccounts(b); },
            OnDelete: b => NamedServiceAccounts(b)));

        caches.GuardPolicies.AddEventHandler(new ResourceEventHandler<GuardPolicy>(
            OnAdd: p => Selected(p),
            OnUpdate: (old, p) =>
            {
                if (old.Metadata.Generation != p.Metadata.Generation || old.Metadata.Generation is null)
                {
                    Selected(old, p);
                }
            },
            OnDelete: p => Selected(p)));

        caches.GuardExceptions.AddEventHandler(new ResourceEventHandler<GuardException>(
            OnAdd: e => Named(e),
            OnUpdate: (old, e) =>
            {
                if (old.Metadata.Generation != e.Metadata.Generation || old.Metadata.Generation is null)
                {
                    Named(old);
                    Named(e);
                }
            },
            OnDelete: e => Named(e)));

        caches.Namespaces.AddEventHandler(new ResourceEventHandler<V1Namespace>(
            OnUpdate: (old, ns) =>
            {
                if (!SameLabels(old.Metadata.Labels, ns.Metadata.Labels))
                {
                    AllIn(ns.Metadata.Name);
                }
            }));
    }

    private static bool SpecOrMetadataChanged(ModelDeployment old, ModelDeployment updated) =>
        old.Metadata.Generation != updated.Metadata.Generation
        || old.Metadata.Generation is null
        || old.Metadata.Uid != updated.Metadata.Uid
        || old.Metadata.DeletionTimestamp != updated.Metadata.DeletionTimestamp
        || !SameLabels(old.Metadata.Annotations, updated.Metadata.Annotations)
        || !SameLabels(old.Metadata.Labels, updated.Metadata.Labels);

    private static bool SameLabels(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(p => b!.TryGetValue(p.Key, out var v) && v == p.Value));

    private void Children<T>(CachedResource<T> cache)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        cache.AddEventHandler(new ResourceEventHandler<T>(
            OnAdd: c => Owner(c),
            OnUpdate: (_, c) => Owner(c),
            OnDelete: c => Owner(c)));
    }

    // NetworkPolicies and RoleBindings are cached whole: managed ones wake their owner, foreign ones every model of
    // the namespace (they may select its pods or name its ServiceAccount).
    private void ChildrenOrForeign<T>(CachedResource<T> cache)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        void Route(T obj)
        {
            if (EvaluationInputSource.IsManaged(obj.Metadata))
            {
                Owner(obj);
            }
            else if (obj.Metadata?.NamespaceProperty is { } ns)
            {
                AllIn(ns);
                if (obj is V1RoleBinding binding)
                {
                    // A binding elsewhere may name a model's ServiceAccount across namespaces (AIG-RBAC-03).
                    NamedModels(OperatorCaches.ServiceAccountSubjects(binding));
                }
            }
        }

        cache.AddEventHandler(new ResourceEventHandler<T>(
            OnAdd: Route,
            OnUpdate: (old, c) =>
            {
                if (old.Metadata.ResourceVersion != c.Metadata.ResourceVersion)
                {
                    Route(old);
                    Route(c);
                }
            },
            OnDelete: Route));
    }

    private void Owner(IKubernetesObject<V1ObjectMeta> child)
    {
        if (child.Metadata?.Labels is { } labels
            && labels.TryGetValue(ApiGroup.ModelDeploymentLabel, out var name)
            && !string.IsNullOrEmpty(name)
            && child.Metadata.NamespaceProperty is { } ns)
        {
            queue.Add(new ObjectKey(ns, name));
        }
    }

    private void AllIn(string @namespace)
    {
        foreach (var model in caches.ModelDeployments.List(@namespace))
        {
            queue.Add(ObjectKey.Of(model));
        }
    }

    private void Selected(params GuardPolicy[] versions)
    {
        foreach (var ns in caches.Namespaces.List())
        {
            var labels = (IReadOnlyDictionary<string, string>?)ns.Metadata.Labels ?? new Dictionary<string, string>();
            if (versions.Any(p => PolicySelector.Applies(p, labels)))
            {
                AllIn(ns.Metadata.Name);
            }
        }
    }

    private void Named(GuardException exception)
    {
        var ns = exception.Metadata?.NamespaceProperty;
        var names = exception.Spec?.ModelDeployments ?? [];
        if (ns is null)
        {
            return;
        }

        if (names.Contains("*"))
        {
            AllIn(ns);
            return;
        }

        foreach (var name in names.Where(n => !string.IsNullOrEmpty(n)))
        {
            queue.Add(new ObjectKey(ns, name));
        }
    }

    private void NamedServiceAccounts(V1ClusterRoleBinding binding)
    {
        if (EvaluationInputSource.IsManaged(binding.Metadata))
        {
            return;
        }

        NamedModels((binding.Subjects ?? [])
            .Where(s => s?.Kind == "ServiceAccount" && !string.IsNullOrEmpty(s.NamespaceProperty) && !string.IsNullOrEmpty(s.Name))
            .Select(s => $"{s.NamespaceProperty}/{s.Name}"));
    }

    // ServiceAccounts as namespace/name; a model's ServiceAccount has the model's name.
    private void NamedModels(IEnumerable<string> serviceAccounts)
    {
        foreach (var account in serviceAccounts)
        {
            var slash = account.IndexOf('/', StringComparison.Ordinal);
            var (ns, name) = (account[..slash], account[(slash + 1)..]);
            if (ns.Length > 0 && caches.ModelDeployments.Get(ns, name) is not null)
            {
                queue.Add(new ObjectKey(ns, name));
            }
        }
    }
}
