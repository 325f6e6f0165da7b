using System.Net;
using AiGuard.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Sandbox.Tests.Api;

/// <summary>Typed KubernetesClient create/read/list/replace/delete for every built-in kind the sandbox serves.</summary>
public sealed class BuiltInKindsCrudTests : SandboxFixture
{
    private static V1ObjectMeta Meta(string name) => new() { Name = name, Labels = new Dictionary<string, string> { ["suite"] = "crud" } };

    private static async Task AssertGoneAsync(Func<Task> read)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(read);
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task Namespace_crud()
    {
        var ns = await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = Meta("team-a") });
        Assert.Equal("Active", ns.Status.Phase);
        Assert.Equal("team-a", ns.Metadata.Labels["kubernetes.io/metadata.name"]);
        ns.Metadata.Labels["x"] = "y";
        var replaced = await Client.CoreV1.ReplaceNamespaceAsync(ns, "team-a");
        Assert.Equal("y", replaced.Metadata.Labels["x"]);
        Assert.Contains((await Client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "default");
        await Client.CoreV1.DeleteNamespaceAsync("team-a");
        await AssertGoneAsync(() => Client.CoreV1.ReadNamespaceAsync("team-a"));
    }

    [Fact]
    public async Task Secret_crud_folds_string_data_into_base64_data()
    {
        var secret = await Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = Meta("creds"), StringData = new Dictionary<string, string> { ["user"] = "admin" } }, "default");
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("admin", System.Text.Encoding.UTF8.GetString(secret.Data["user"]));
        Assert.Null(secret.StringData);
        secret.Data["extra"] = [1, 2, 3];
        var replaced = await Client.CoreV1.ReplaceNamespacedSecretAsync(secret, "creds", "default");
        Assert.Equal(new byte[] { 1, 2, 3 }, replaced.Data["extra"]);
        await Client.CoreV1.DeleteNamespacedSecretAsync("creds", "default");
        await AssertGoneAsync(() => Client.CoreV1.ReadNamespacedSecretAsync("creds", "default"));
    }

    [Fact]
    public async Task ServiceAccount_crud()
    {
        await Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = Meta("runner"), AutomountServiceAccountToken = false }, "default");
        var read = await Client.CoreV1.ReadNamespacedServiceAccountAsync("runner", "default");
        Assert.False(read.AutomountServiceAccountToken);
        Assert.Single((await Client.CoreV1.ListNamespacedServiceAccountAsync("default")).Items);
        await Client.CoreV1.DeleteNamespacedServiceAccountAsync("runner", "default");
        await AssertGoneAsync(() => Client.CoreV1.ReadNamespacedServiceAccountAsync("runner", "default"));
    }

    [Fact]
    public async Task Service_crud_allocates_a_cluster_ip_that_survives_replace()
    {
        var svc = await Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = Meta("web"),
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] },
        }, "default");
        Assert.Equal("ClusterIP", svc.Spec.Type);
        Assert.False(string.IsNullOrEmpty(svc.Spec.ClusterIP));
        Assert.Equal("TCP", svc.Spec.Ports[0].Protocol);
        svc.Spec.Ports[0].Port = 8080;
        svc.Spec.ClusterIP = null;
        var replaced = await Client.CoreV1.ReplaceNamespacedServiceAsync(svc, "web", "default");
        Assert.Equal(8080, replaced.Spec.Ports[0].Port);
        Assert.False(string.IsNullOrEmpty(replaced.Spec.ClusterIP));
        await Client.CoreV1.DeleteNamespacedServiceAsync("web", "default");
        await AssertGoneAsync(() => Client.CoreV1.ReadNamespacedServiceAsync("web", "default"));
    }

    [Fact]
    public async Task Pod_crud_starts_pending_and_requires_containers()
    {
        var pod = await Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = Meta("p"),
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox:1.36" }] },
        }, "default");
        Assert.Equal("Pending", pod.Status.Phase);
        var invalid = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod { Metadata = Meta("empty"), Spec = new V1PodSpec { Containers = [] } }, "default"));
        Assert.Equal((HttpStatusCode)422, invalid.Response.StatusCode);
        Assert.Contains("spec.containers", invalid.Response.Content);
        await Client.CoreV1.DeleteNamespacedPodAsync("p", "default");
        await AssertGoneAsync(() => Client.CoreV1.ReadNamespacedPodAsync("p", "default"));
    }

    [Fact]
    public async Task Core_and_events_k8s_io_events_crud()
    {
        await Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = Meta("e1"),
            InvolvedObject = new V1ObjectReference { Kind = "ConfigMap", Name = "x", NamespaceProperty = "default" },
            Reason = "Tested",
            Message = "hello",
            Type = "Normal",
        }, "default");
        Assert.Equal("Tested", (await Client.CoreV1.ReadNamespacedEventAsync("e1", "default")).Reason);
        await Client.EventsV1.CreateNamespacedEventAsync(new Eventsv1Event
        {
            Metadata = Meta("e2"),
            EventTime = DateTime.UtcNow,
            ReportingController = "aiguard.io/operator",
            ReportingInstance = "op-1",
            Action = "Reconcile",
            Reason = "Blocked",
            Regarding = new V1ObjectReference { Kind = "ConfigMap", Name = "x", NamespaceProperty = "default" },
            Note = "blocked rollout",
            Type = "Warning",
        }, "default");
        // One store behind both APIs (EventStoreTests covers the field mapping).
        var listed = await Client.EventsV1.ListNamespacedEventAsync("default");
        Assert.Equal(["Blocked", "Tested"], listed.Items.Select(e => e.Reason).Order());
        await Client.EventsV1.DeleteNamespacedEventAsync("e2", "default");
        await Client.CoreV1.DeleteNamespacedEventAsync("e1", "default");
        await AssertGoneAsync(() => Client.EventsV1.ReadNamespacedEventAsync("e2", "default"));
    }

    [Fact]
    public async Task Deployment_crud_with_defaults_and_scale_subresource()
    {
        var deployment = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployments.Web("web"), "default");
        Assert.Equal(1, deployment.Spec.Replicas);
        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);

        var scale = await Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", "default");
        Assert.Equal(1, scale.Spec.Replicas);
        scale.Spec.Replicas = 3;
        await Client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", "default");
        var scaled = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
        Assert.Equal(3, scaled.Spec.Replicas);
        Assert.Equal(2, scaled.Metadata.Generation);

        await Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":5}}", V1Patch.PatchType.MergePatch), "web", "default");
        Assert.Equal(5, (await Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default")).Spec.Replicas);

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default");
        await AssertGoneAsync(() => Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default"));
    }

    [Fact]
    public async Task Deployment_whose_selector_does_not_match_template_is_invalid()
    {
        var deployment = Deployments.Web("bad");
        deployment.Spec.Selector.MatchLabels["app"] = "other";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default"));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        Assert.Contains("selector", e.Response.Content);
    }

    [Fact]
    public async Task NetworkPolicy_crud()
    {
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = Meta("deny-all"),
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress", "Egress"] },
        }, "default");
        var read = await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("deny-all", "default");
        Assert.Equal(["Ingress", "Egress"], read.Spec.PolicyTypes);
        await Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("deny-all", "default");
        await AssertGoneAsync(() => Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("deny-all", "default"));
    }

    [Fact]
    public async Task Rbac_kinds_crud()
    {
        var rule = new V1PolicyRule { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["get"] };
        await Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role { Metadata = Meta("reader"), Rules = [rule] }, "default");
        await Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = Meta("reader"),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "reader" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "default", NamespaceProperty = "default" }],
        }, "default");
        await Client.RbacAuthorizationV1.CreateClusterRoleAsync(new V1ClusterRole { Metadata = Meta("system:aiguard:reader"), Rules = [rule] });
        await Client.RbacAuthorizationV1.CreateClusterRoleBindingAsync(new V1ClusterRoleBinding
        {
            Metadata = Meta("aiguard-reader"),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "system:aiguard:reader" },
        });
        Assert.Single((await Client.RbacAuthorizationV1.ReadNamespacedRoleAsync("reader", "default")).Rules);
        Assert.Equal("reader", (await Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("reader", "default")).RoleRef.Name);
        Assert.Contains((await Client.RbacAuthorizationV1.ListClusterRoleAsync()).Items, r => r.Metadata.Name == "system:aiguard:reader");
        Assert.Equal("ClusterRole", (await Client.RbacAuthorizationV1.ReadClusterRoleBindingAsync("aiguard-reader")).RoleRef.Kind);
        await Client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync("aiguard-reader");
        await Client.RbacAuthorizationV1.DeleteClusterRoleAsync("system:aiguard:reader");
        await Client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync("reader", "default");
        await Client.RbacAuthorizationV1.DeleteNamespacedRoleAsync("reader", "default");
        await AssertGoneAsync(() => Client.RbacAuthorizationV1.ReadClusterRoleAsync("system:aiguard:reader"));
    }

    [Fact]
    public async Task Lease_crud_with_optimistic_concurrency()
    {
        var lease = await Client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
        {
            Metadata = Meta("leader"),
            Spec = new V1LeaseSpec { HolderIdentity = "a", LeaseDurationSeconds = 15, RenewTime = DateTime.UtcNow },
        }, "default");
        lease.Spec.HolderIdentity = "b";
        var taken = await Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "leader", "default");
        Assert.Equal("b", taken.Spec.HolderIdentity);
        lease.Spec.HolderIdentity = "c";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "leader", "default"));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        await Client.CoordinationV1.DeleteNamespacedLeaseAsync("leader", "default");
        await AssertGoneAsync(() => Client.CoordinationV1.ReadNamespacedLeaseAsync("leader", "default"));
    }

    [Fact]
    public async Task CustomResourceDefinition_crud_sets_established_status()
    {
        var crd = await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(Crds.Widget());
        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
        Assert.Contains(crd.Status.Conditions, c => c.Type == "NamesAccepted" && c.Status == "True");
        Assert.Equal(["v1"], crd.Status.StoredVersions);
        Assert.Equal("Widget", crd.Status.AcceptedNames.Kind);
        Assert.Equal("widget", crd.Spec.Names.Singular);
        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(crd.Metadata.Name);
        await AssertGoneAsync(() => Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name));
    }
}
