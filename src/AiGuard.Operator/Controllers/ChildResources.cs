using AiGuard.Api;
using AiGuard.Operator.Runtime;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// ChildResources are the seven kinds a ModelDeployment owns, wired to their caches and typed API calls (creates through
/// <see cref="ObjectCreator"/>, which reads back only the assigned metadata). Writes use
/// field manager <c>aiguard-operator</c>; applies force, so a drifted field of a child the operator controls is taken
/// back from whoever changed it.
/// </summary>
public sealed class ChildResources
{
    /// <summary>Wires every child kind.</summary>
    public ChildResources(Kubernetes client, OperatorCaches caches)
    {
        const string manager = ApiGroup.FieldManager;
        var creator = new ObjectCreator(client, manager);
        NetworkPolicies = new ChildResource<V1NetworkPolicy>("NetworkPolicy", caches.NetworkPolicies,
            (p, n, ns, force, ct) => client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(p, n, ns, fieldManager: manager, force: force, cancellationToken: ct),
            creator,
            (n, ns, ct) => client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(n, ns, cancellationToken: ct),
            (n, ns, o, ct) => client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(n, ns, o, cancellationToken: ct));
        ServiceAccounts = new ChildResource<V1ServiceAccount>("ServiceAccount", caches.ServiceAccounts,
            (p, n, ns, force, ct) => client.CoreV1.PatchNamespacedServiceAccountAsync(p, n, ns, fieldManager: manager, force: force, cancellationToken: ct),
            creator,
            (n, ns, ct) => client.CoreV1.ReadNamespacedServiceAccountAsync(n, ns, cancellationToken: ct),
            (n, ns, o, ct) => client.CoreV1.DeleteNamespacedServiceAccountAsync(n, ns, o, cancellationToken: ct));
        Roles = new ChildResource<V1Role>("Role", caches.Roles,
            (p, n, ns, force, ct) => client.RbacAuthorizationV1.PatchNamespacedRoleAsync(p, n, ns, fieldManager: manager, force: force, cancellationToken: ct),
            creator,
            (n, ns, ct) => client.RbacAuthorizationV1.ReadNamespacedRoleAsync(n, ns, cancellationToken: ct),
            (n, ns, o, ct) => client.RbacAuthorizationV1.DeleteNamespacedRoleAsync(n, ns, o, cancellationToken: ct));
        RoleBindings = new ChildResource<V1RoleBinding>("RoleBinding", caches.RoleBindings,
            (p, n, ns, force, ct) => client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(p, n, ns, fieldManager: manager, force: force, cancellationToken: ct),
            creator,
            (n, ns, ct) => client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(n, ns, cancellationToken: ct),
            (n, ns, o, ct) => client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(n, ns, o, cancellationToken: ct));
        Secrets = new ChildResource<V1Secret>("Secret", caches.Secrets,
            (p, n, ns, force, ct) => client.CoreV1.PatchNamespacedSecretAsync(p, n, ns, fieldManager: manager, force: force, cancellationToken: ct),
            creator,
            (n, ns, ct) => client.CoreV1.ReadNamespacedSecretAsync(n, ns, cancellationToken: ct),
            (n, ns, o, ct) => client.CoreV1.DeleteNamespacedSecretAsync(n, ns, o, cancellationToken: ct));
        Services = new ChildResource<V1Service>("Service", caches.Services,
            (p, n, ns, force, ct) => client.CoreV1.PatchNamespacedServiceAsync(p, n, ns, fieldManager: manager, force: force, cancellationToken: ct),
            creator,
            (n, ns, ct) => client.CoreV1.ReadNamespacedServiceAsync(n, ns, cancellationToken: ct),
            (n, ns, o, ct) => client.CoreV1.DeleteNamespacedServiceAsync(n, ns, o, cancellationToken: ct));
        Deployments = new ChildResource<V1Deployment>("Deployment", caches.Deployments,
            (p, n, ns, force, ct) => client.AppsV1.PatchNamespacedDeploymentAsync(p, n, ns, fieldManager: manager, force: force, cancellationToken: ct),
            creator,
            (n, ns, ct) => client.AppsV1.ReadNamespacedDeploymentAsync(n, ns, cancellationToken: ct),
            (n, ns, o, ct) => client.AppsV1.DeleteNamespacedDeploymentAsync(n, ns, o, cancellationToken: ct));
        All = [NetworkPolicies, ServiceAccounts, Roles, RoleBindings, Secrets, Services, Deployments];
    }

    public ChildResource<V1NetworkPolicy> NetworkPolicies { get; }

    public ChildResource<V1ServiceAccount> ServiceAccounts { get; }

    public ChildResource<V1Role> Roles { get; }

    public ChildResource<V1RoleBinding> RoleBindings { get; }

    public ChildResource<V1Secret> Secrets { get; }

    public ChildResource<V1Service> Services { get; }

    public ChildResource<V1Deployment> Deployments { get; }

    /// <summary>Every kind, in apply order.</summary>
    public IReadOnlyList<IChildResource> All { get; }

    /// <summary>The kind that holds <paramref name="child"/>.</summary>
    public IChildResource For(IKubernetesObject<V1ObjectMeta> child) =>
        All.FirstOrDefault(kind => kind.Holds(child)) ?? throw new ArgumentException($"{child.GetType().Name} is not a child kind the operator manages");
}
