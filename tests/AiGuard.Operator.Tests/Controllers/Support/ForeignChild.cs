using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>
/// ForeignChild creates, reads and deletes an object of one child kind that someone other than the operator owns,
/// with content of its own (a selector, ports, rules, data), and snapshots what the operator must never change:
/// everything but status, resourceVersion, managedFields and the creation bookkeeping.
/// </summary>
public sealed record ForeignChild(string Kind, string Name, string Namespace)
{
    /// <summary>The child kinds whose names a ModelDeployment takes (Secrets have content-addressed names: see SecretNameConflictTests).</summary>
    public static readonly string[] Kinds = ["ServiceAccount", "Role", "RoleBinding", "Service", "NetworkPolicy", "Deployment"];

    /// <summary>Creates the object with <paramref name="labels"/> and <paramref name="owners"/>.</summary>
    public async Task CreateAsync(Kubernetes client, IDictionary<string, string>? labels, IList<V1OwnerReference>? owners)
    {
        var meta = new V1ObjectMeta
        {
            Name = Name,
            NamespaceProperty = Namespace,
            Labels = labels,
            Annotations = new Dictionary<string, string> { ["team.example.com/owner"] = "payments" },
            OwnerReferences = owners,
        };
        var app = new Dictionary<string, string> { ["app"] = "payments-" + Name };
        switch (Kind)
        {
            case "ServiceAccount":
                await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = meta, AutomountServiceAccountToken = true }, Namespace);
                break;
            case "Role":
                await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
                {
                    Metadata = meta,
                    Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], ResourceNames = ["payments"], Verbs = ["get", "update"] }],
                }, Namespace);
                break;
            case "RoleBinding":
                await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
                {
                    Metadata = meta,
                    RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "payments" },
                    Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "payments", NamespaceProperty = Namespace }],
                }, Namespace);
                break;
            case "Service":
                await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
                {
                    Metadata = meta,
                    Spec = new V1ServiceSpec { Selector = app, Ports = [new V1ServicePort { Name = "https", Port = 443, TargetPort = 9443 }] },
                }, Namespace);
                break;
            case "NetworkPolicy":
                await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
                {
                    Metadata = meta,
                    Spec = new V1NetworkPolicySpec
                    {
                        PodSelector = new V1LabelSelector { MatchLabels = app },
                        PolicyTypes = ["Ingress"],
                        Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "gateway" } } }] }],
                    },
                }, Namespace);
                break;
            case "Deployment":
                await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
                {
                    Metadata = meta,
                    Spec = new V1DeploymentSpec
                    {
                        Replicas = 1,
                        Selector = new V1LabelSelector { MatchLabels = app },
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = app },
                            Spec = new V1PodSpec { Containers = [new V1Container { Name = "payments", Image = "ghcr.io/example/payments:1.2.3" }] },
                        },
                    },
                }, Namespace);
                break;
            case "Secret":
                await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
                {
                    Metadata = meta,
                    Type = "Opaque",
                    Data = new Dictionary<string, byte[]> { ["token"] = "payments-token"u8.ToArray() },
                }, Namespace);
                break;
            default:
                throw new ArgumentException($"unknown kind {Kind}");
        }
    }

    /// <summary>The stored object, or null when it is gone.</summary>
    public async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(Kubernetes client)
    {
        try
        {
            return Kind switch
            {
                "ServiceAccount" => await client.CoreV1.ReadNamespacedServiceAccountAsync(Name, Namespace),
                "Role" => await client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name, Namespace),
                "RoleBinding" => await client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(Name, Namespace),
                "Service" => await client.CoreV1.ReadNamespacedServiceAsync(Name, Namespace),
                "NetworkPolicy" => await client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(Name, Namespace),
                "Deployment" => await client.AppsV1.ReadNamespacedDeploymentAsync(Name, Namespace),
                "Secret" => await client.CoreV1.ReadNamespacedSecretAsync(Name, Namespace),
                _ => throw new ArgumentException($"unknown kind {Kind}"),
            };
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes the object.</summary>
    public async Task DeleteAsync(Kubernetes client)
    {
        _ = Kind switch
        {
            "ServiceAccount" => await client.CoreV1.DeleteNamespacedServiceAccountAsync(Name, Namespace) as object,
            "Role" => await client.RbacAuthorizationV1.DeleteNamespacedRoleAsync(Name, Namespace),
            "RoleBinding" => await client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(Name, Namespace),
            "Service" => await client.CoreV1.DeleteNamespacedServiceAsync(Name, Namespace),
            "NetworkPolicy" => await client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(Name, Namespace),
            "Deployment" => await client.AppsV1.DeleteNamespacedDeploymentAsync(Name, Namespace),
            "Secret" => await client.CoreV1.DeleteNamespacedSecretAsync(Name, Namespace),
            _ => throw new ArgumentException($"unknown kind {Kind}"),
        };
    }

    /// <summary>
    /// What the operator must leave exactly as it was: uid, labels, annotations, ownerReferences and every field
    /// outside metadata and status, as JSON.
    /// </summary>
    public async Task<string> SnapshotAsync(Kubernetes client)
    {
        var stored = await ReadAsync(client) ?? throw new InvalidOperationException($"{Kind} {Name} is gone");
        var node = JsonNode.Parse(KubernetesJson.Serialize(stored))!.AsObject();
        var meta = node["metadata"]!.AsObject();
        var kept = new JsonObject
        {
            ["uid"] = meta["uid"]?.DeepClone(),
            ["labels"] = meta["labels"]?.DeepClone(),
            ["annotations"] = meta["annotations"]?.DeepClone(),
            ["ownerReferences"] = meta["ownerReferences"]?.DeepClone(),
        };
        node.Remove("metadata");
        node.Remove("status");
        node["metadata"] = kept;
        return node.ToJsonString();
    }
}
