using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Policies;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// ModelDeploymentTriggers decide which ModelDeployments to reconcile when something they depend on changes:
/// the model itself (spec, labels, annotations; not our own status writes), its children (by the
/// aiguard.io/model-deployment label), GuardPolicies (every model in the namespaces selected before AND after the
/// change), GuardExceptions (the models they name, old and new), Namespace labels, NetworkPolicies (the models whose
/// pods they may select), RoleBindings and ClusterRoleBindings (the models whose ServiceAccount they reach, by name or
/// group), and Trivy VulnerabilityReports (the model their labels
/// name; every model when the CRD appears or goes away). Foreign means not controlled by an existing
/// ModelDeployment: the managed-by label routes nothing, since anyone may set it.
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

        // Cluster-scoped: no ModelDeployment controls one, so every ClusterRoleBinding is foreign, labels or not.
        caches.ClusterRoleBindings.AddEventHandler(new ResourceEventHandler<V1ClusterRoleBinding>(
            OnAdd: b => Reached(BindingReach.Of(b)),
            OnUpdate: (old, b) =>
            {
                if (old.Metadata.ResourceVersion != b.Metadata.ResourceVersion)
                {
                    Reached(BindingReach.Of(old));
                    Reached(BindingReach.Of(b));
                }
            },
            OnDelete: b => Reached(BindingReach.Of(b))));

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

        // A report wakes the model its Trivy labels name; the CRD appearing or going away wakes every model.
        caches.VulnerabilityReports.Subscribe(
            model =>
            {
                if (caches.ModelDeployments.Get(model.Namespace, model.Name) is not null)
                {
                    queue.Add(model);
                }
            },
            () =>
            {
                foreach (var model in caches.ModelDeployments.List())
                {
                    queue.Add(ObjectKey.Of(model));
                }
            });

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

    // NetworkPolicies and RoleBindings are cached whole. Each wakes the model controlling it (by controller
    // ownerReference against the existing ModelDeployments, as the engine decides: controls.md, "Ownership"), and the
    // models it may concern whatever its labels or owner say: a NetworkPolicy the models whose pods its podSelector may
    // select (SelectorReach: one model, or every model of its namespace), a RoleBinding the models whose ServiceAccount
    // its subjects reach in any namespace, its own included (BindingReach, AIG-RBAC-03). These are exactly the objects
    // EvaluationInputSource gives a model's evaluation, so a model not woken could not change its verdict. A model's own
    // child concerns only that model, so it costs one reconcile; a copied ownerReference on a policy that selects
    // another model's pods still wakes that model. Waking the whole namespace on every foreign object made a namespace
    // of n models pay n reconciles per change.
    private void ChildrenOrForeign<T>(CachedResource<T> cache)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        void Route(T obj)
        {
            if (obj.Metadata?.NamespaceProperty is not { } ns)
            {
                return;
            }

            if (ControllingModel(obj.Metadata, ns) is { } owner)
            {
                queue.Add(owner);
            }

            switch (obj)
            {
                case V1NetworkPolicy policy:
                    Selecting(ns, SelectorReach.Of(policy));
                    break;
                case V1RoleBinding binding:
                    Reached(BindingReach.Of(binding));
                    break;
                default:
                    AllIn(ns);
                    break;
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

    // The existing ModelDeployment that controls the object, or null when none does (it is foreign).
    private ObjectKey? ControllingModel(V1ObjectMeta metadata, string @namespace)
    {
        if (Ownership.Controller(metadata)?.Name is not { Length: > 0 } name
            || caches.ModelDeployments.Get(@namespace, name) is not { } model
            || !Ownership.IsControlledByModelDeployment(metadata, @namespace, [ModelDeploymentIdentity.Of(model)]))
        {
            return null;
        }

        return ObjectKey.Of(model);
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

    // The models whose pods a NetworkPolicy filed under the keys may select (see SelectorReach).
    private void Selecting(string @namespace, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (key == SelectorReach.EveryModelOf(@namespace))
            {
                AllIn(@namespace);
            }
            else if (key.StartsWith(@namespace + "/", StringComparison.Ordinal)
                && caches.ModelDeployments.Get(@namespace, key[(@namespace.Length + 1)..]) is { } model)
            {
                queue.Add(ObjectKey.Of(model));
            }
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

    // Every model whose ServiceAccount (named like the model) the keys reach (see BindingReach).
    private void Reached(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (key == BindingReach.EveryServiceAccount)
            {
                foreach (var model in caches.ModelDeployments.List())
                {
                    queue.Add(ObjectKey.Of(model));
                }

                return;
            }

            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var (ns, name) = (key[..slash], key[(slash + 1)..]);
            if (key == BindingReach.EveryServiceAccountOf(ns))
            {
                AllIn(ns);
            }
            else if (caches.ModelDeployments.Get(ns, name) is not null)
            {
                queue.Add(new ObjectKey(ns, name));
            }
        }
    }
}
