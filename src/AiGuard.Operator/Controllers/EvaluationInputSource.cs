using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine;
using AiGuard.Engine.Controls;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// EvaluationInputSource fills the engine's <see cref="EvaluationInput"/> for one ModelDeployment from the caches
/// only: namespace labels, every GuardPolicy, the namespace's GuardExceptions, and the foreign NetworkPolicies,
/// RoleBindings and ClusterRoleBindings the cluster-only controls (AIG-NET-03, AIG-RBAC-03) inspect, and the Trivy
/// VulnerabilityReports whose labels name the model's workload (AIG-IMG-03 keeps those of its exact image).
/// </summary>
public sealed class EvaluationInputSource(OperatorCaches caches, ISealedDataVerifier? sealing)
{
    /// <summary>The evaluation input for <paramref name="model"/> at <paramref name="now"/>.</summary>
    public EvaluationInput For(ModelDeployment model, DateTimeOffset now)
    {
        var ns = NamespaceOf(model);
        return new EvaluationInput(
            model,
            caches.NamespaceLabels(ns),
            caches.GuardPolicies.List(),
            caches.GuardExceptions.List(ns),
            now,
            Observe(ns, model.Metadata?.Name ?? ""),
            sealing,
            caches.VulnerabilityReports.ScansFor(ns, model.Metadata?.Name ?? ""));
    }

    /// <summary>metadata.namespace, or <c>default</c>.</summary>
    public static string NamespaceOf(ModelDeployment model) =>
        string.IsNullOrEmpty(model.Metadata?.NamespaceProperty) ? "default" : model.Metadata.NamespaceProperty;

    // Nothing is filtered by label: the engine tells the operator's children from foreign objects by controller
    // ownerReference against the ModelDeployments that exist (controls.md, "Ownership"). What is narrowed is which
    // objects are read, through indexes, so that a reconcile costs what concerns its model and not what its namespace
    // holds: the policies that may select the model's pods (SelectorReach), the bindings whose subjects reach its
    // ServiceAccount (BindingReach, in any namespace, its own included), and of the existing ModelDeployments only
    // those these objects name as controller, the only ones an ownership check can match.
    private ClusterObservations Observe(string ns, string name)
    {
        var policies = SelectorReach.KeysSelecting(ns, name)
            .SelectMany(key => caches.NetworkPolicies.ByIndex(OperatorCaches.SelectsIndex, key))
            .ToList();
        var roleBindings = BindingReach.KeysReaching(ns, name)
            .SelectMany(key => caches.RoleBindings.ByIndex(OperatorCaches.ReachIndex, key))
            .DistinctBy(b => (b.Metadata?.NamespaceProperty, b.Metadata?.Name))
            .ToList();
        var owners = policies.Select(p => p.Metadata)
            .Concat(roleBindings.Select(b => b.Metadata))
            .Select(ControllingModel)
            .OfType<ModelDeploymentIdentity>()
            .Distinct()
            .ToList();
        return new ClusterObservations(policies, roleBindings, caches.ClusterRoleBindings.List(), owners);
    }

    // The existing ModelDeployment a controller ownerReference names in the object's namespace, matched or not by uid
    // (the engine compares the uid).
    private ModelDeploymentIdentity? ControllingModel(V1ObjectMeta? metadata) =>
        metadata?.NamespaceProperty is { Length: > 0 } ns && Ownership.Controller(metadata)?.Name is { Length: > 0 } owner
            ? ModelDeploymentIdentity.Of(caches.ModelDeployments.Get(ns, owner))
            : null;
}
