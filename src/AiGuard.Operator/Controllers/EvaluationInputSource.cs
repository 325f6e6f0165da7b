using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// EvaluationInputSource fills the engine's <see cref="EvaluationInput"/> for one ModelDeployment from the caches
/// only: namespace labels, every GuardPolicy, the namespace's GuardExceptions, and the foreign NetworkPolicies,
/// RoleBindings and ClusterRoleBindings the cluster-only controls (AIG-NET-03, AIG-RBAC-03) inspect.
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
            sealing);
    }

    /// <summary>metadata.namespace, or <c>default</c>.</summary>
    public static string NamespaceOf(ModelDeployment model) =>
        string.IsNullOrEmpty(model.Metadata?.NamespaceProperty) ? "default" : model.Metadata.NamespaceProperty;

    private ClusterObservations Observe(string ns, string name) => new(
        caches.NetworkPolicies.List(ns).Where(p => !IsManaged(p.Metadata)).ToList(),
        // The namespace's own bindings, plus bindings elsewhere that name the model's ServiceAccount.
        caches.RoleBindings.List(ns)
            .Concat(caches.RoleBindings.ByIndex(OperatorCaches.ServiceAccountSubjectIndex, $"{ns}/{name}").Where(b => b.Metadata?.NamespaceProperty != ns))
            .Where(b => !IsManaged(b.Metadata))
            .ToList(),
        // Only bindings that name a ServiceAccount of this namespace can grant to the model's identity.
        caches.ClusterRoleBindings.List()
            .Where(b => !IsManaged(b.Metadata) && (b.Subjects ?? []).Any(s => s?.Kind == "ServiceAccount" && s.NamespaceProperty == ns))
            .ToList());

    /// <summary>True when the object carries the operator's managed-by label.</summary>
    public static bool IsManaged(V1ObjectMeta? meta) =>
        meta?.Labels is { } labels && labels.TryGetValue(ApiGroup.ManagedByLabel, out var v) && v == ApiGroup.ManagedByValue;
}
