using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>Deleting or editing a managed child is undone within two seconds (item 4 of issue 4).</summary>
public sealed class DriftRepairTests : IAsyncLifetime
{
    private const string Ns = "ml-drift";
    private const string Name = "guarded";
    private static readonly TimeSpan Repair = TimeSpan.FromSeconds(2);
    private OperatorHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await OperatorHarness.StartAsync();
        await _h.CreateNamespaceAsync(Ns);
        await _h.CreateAsync(TestModels.Compliant(Ns, Name, withAccess: true));
        await _h.WaitForPhaseAsync(Ns, Name, Phases.Compliant);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static V1Patch Merge(string json) => new(json, V1Patch.PatchType.MergePatch);

    [Fact]
    public async Task Deleted_children_of_every_kind_come_back()
    {
        var uids = new Dictionary<string, string>
        {
            ["NetworkPolicy"] = (await _h.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(Name, Ns)).Metadata.Uid,
            ["ServiceAccount"] = (await _h.Client.CoreV1.ReadNamespacedServiceAccountAsync(Name, Ns)).Metadata.Uid,
            ["Service"] = (await _h.Client.CoreV1.ReadNamespacedServiceAsync(Name, Ns)).Metadata.Uid,
            ["Deployment"] = (await _h.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, Ns)).Metadata.Uid,
            ["Role"] = (await _h.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name + "-operator", Ns)).Metadata.Uid,
            ["RoleBinding"] = (await _h.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(Name + "-operator", Ns)).Metadata.Uid,
        };

        await _h.Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(Name, Ns);
        await _h.Client.CoreV1.DeleteNamespacedServiceAccountAsync(Name, Ns);
        await _h.Client.CoreV1.DeleteNamespacedServiceAsync(Name, Ns);
        await _h.Client.AppsV1.DeleteNamespacedDeploymentAsync(Name, Ns);
        await _h.Client.RbacAuthorizationV1.DeleteNamespacedRoleAsync(Name + "-operator", Ns);
        await _h.Client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(Name + "-operator", Ns);

        await OperatorHarness.WaitAsync(async () =>
        {
            var now = new Dictionary<string, string?>
            {
                ["NetworkPolicy"] = await UidAsync(() => _h.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(Name, Ns)),
                ["ServiceAccount"] = await UidAsync(() => _h.Client.CoreV1.ReadNamespacedServiceAccountAsync(Name, Ns)),
                ["Service"] = await UidAsync(() => _h.Client.CoreV1.ReadNamespacedServiceAsync(Name, Ns)),
                ["Deployment"] = await UidAsync(() => _h.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, Ns)),
                ["Role"] = await UidAsync(() => _h.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name + "-operator", Ns)),
                ["RoleBinding"] = await UidAsync(() => _h.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(Name + "-operator", Ns)),
            };
            return now.All(p => p.Value is not null && p.Value != uids[p.Key]);
        }, "every deleted child to be recreated", Repair);

        var events = await _h.Client.EventsV1.ListNamespacedEventAsync(Ns);
        Assert.Contains(events.Items, e => e.Reason == "DriftRepaired" && e.Regarding.Name == Name);
    }

    [Fact]
    public async Task Widened_network_policy_is_narrowed_again()
    {
        await _h.Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(
            Merge("""{"spec":{"ingress":[{}],"egress":[{}]}}"""), Name, Ns);

        await OperatorHarness.WaitAsync(async () =>
        {
            var policy = await _h.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(Name, Ns);
            return policy.Spec.Ingress is { Count: 1 } ingress && ingress[0].FromProperty is { Count: > 0 }
                && (policy.Spec.Egress ?? []).All(rule => rule.To is { Count: > 0 });
        }, "the open ingress and egress rules to be removed", Repair);
    }

    [Fact]
    public async Task Edited_deployment_service_account_and_service_are_restored()
    {
        var image = (await _h.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, Ns)).Spec.Template.Spec.Containers[0].Image;
        var port = (await _h.Client.CoreV1.ReadNamespacedServiceAsync(Name, Ns)).Spec.Ports[0].Port;

        await _h.Client.AppsV1.PatchNamespacedDeploymentAsync(Merge("""{"spec":{"replicas":5}}"""), Name, Ns);
        await _h.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"evil.example.com/miner:latest"}]""", V1Patch.PatchType.JsonPatch), Name, Ns);
        await _h.Client.CoreV1.PatchNamespacedServiceAccountAsync(Merge("""{"automountServiceAccountToken":true}"""), Name, Ns);
        await _h.Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(
            """[{"op":"replace","path":"/spec/ports/0/port","value":9999}]""", V1Patch.PatchType.JsonPatch), Name, Ns);

        var last = "";
        await OperatorHarness.PollAsync(async () =>
        {
            var deployment = await _h.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, Ns);
            var account = await _h.Client.CoreV1.ReadNamespacedServiceAccountAsync(Name, Ns);
            var service = await _h.Client.CoreV1.ReadNamespacedServiceAsync(Name, Ns);
            last = $"image {deployment.Spec.Template.Spec.Containers[0].Image}, replicas {deployment.Spec.Replicas}, "
                + $"automount {account.AutomountServiceAccountToken}, ports {string.Join(",", service.Spec.Ports.Select(p => p.Port))}";
            return deployment.Spec.Template.Spec.Containers[0].Image == image
                && deployment.Spec.Replicas == 1
                && account.AutomountServiceAccountToken == false
                && service.Spec.Ports.Count == 1 && service.Spec.Ports[0].Port == port ? "restored" : null;
        }, () => $"the Deployment, ServiceAccount and Service to be restored; last: {last}", Repair);
    }

    [Fact]
    public async Task Edited_role_and_role_binding_are_restored()
    {
        var rules = (await _h.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name + "-operator", Ns)).Rules.Count;

        await _h.Client.RbacAuthorizationV1.PatchNamespacedRoleAsync(Merge(
            """{"rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list"]}]}"""), Name + "-operator", Ns);
        await _h.Client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(Merge(
            """{"subjects":[{"kind":"Group","name":"system:authenticated","apiGroup":"rbac.authorization.k8s.io"}]}"""), Name + "-operator", Ns);

        await OperatorHarness.WaitAsync(async () =>
        {
            var role = await _h.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name + "-operator", Ns);
            var binding = await _h.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(Name + "-operator", Ns);
            return role.Rules.Count == rules
                && role.Rules.All(r => !r.Resources.Contains("secrets"))
                && binding.Subjects.Single().Name == "ml-oncall";
        }, "the Role and RoleBinding to be restored", Repair);
    }

    private static async Task<string?> UidAsync<T>(Func<Task<T>> read)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            var obj = await read();
            return obj.Metadata.DeletionTimestamp is null ? obj.Metadata.Uid : null;
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
