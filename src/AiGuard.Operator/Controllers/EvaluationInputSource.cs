using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine;
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
    // ownerReference against the ModelDeployments that exist (controls.md, "Ownership").
    private ClusterObservations Observe(string ns, string name)
    {
        // The namespace's own bindings, plus bindings elsewhere whose subjects reach the model's ServiceAccount: by name,
        // or through a group it belongs to (a binding grants its rights in its own namespace to whoever it names).
        var elsewhere = BindingReach.KeysReaching(ns, name)
            .SelectMany(key => caches.RoleBindings.ByIndex(OperatorCaches.ReachIndex, key))
            .Where(b => b.Metadata?.NamespaceProperty != ns)
            .DistinctBy(b => (b.Metadata?.NamespaceProperty, b.Metadata?.Name));
        var roleBindings = caches.RoleBindings.List(ns).Concat(elsewhere).ToList();
        var namespaces = roleBindings.Select(b => b.Metadata?.NamespaceProperty).Append(ns).OfType<string>().Distinct(StringComparer.Ordinal);
        return new ClusterObservations(
            caches.NetworkPolicies.List(ns),
            roleBindings,
            caches.ClusterRoleBindings.List(),
            namespaces
                .SelectMany(caches.ModelDeployments.List)
                .Select(m => ModelDeploymentIdentity.Of(m))
                .OfType<ModelDeploymentIdentity>()
                .ToList());
    }

}
