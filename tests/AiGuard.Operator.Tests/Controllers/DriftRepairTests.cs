using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>Deleting or editing a managed child is undone within two seconds (item 4 of issue 4).</summary>
public sealed class DriftRepairTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-drift";
    private const string Name = "guarded";
    private static readonly TimeSpan Repair = TimeSpan.FromSeconds(2);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Harness.CreateAsync(TestModels.Compliant(Ns, Name, withAccess: true));
        await Harness.WaitForPhaseAsync(Ns, Name, Phases.Compliant);
    }

    private static V1Patch Merge(string json) => new(json, V1Patch.PatchType.MergePatch);

    [Fact]
    public async Task Deleted_children_of_every_kind_come_back()
    {
        var uids = new Dictionary<string, string>
        {
            ["NetworkPolicy"] = (await Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(Name, Ns)).Metadata.Uid,
            ["ServiceAccount"] = (await Harness.Client.CoreV1.ReadNamespacedServiceAccountAsync(Name, Ns)).Metadata.Uid,
            ["Service"] = (await Harness.Client.CoreV1.ReadNamespacedServiceAsync(Name, Ns)).Metadata.Uid,
            ["Deployment"] = (await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, Ns)).Metadata.Uid,
            ["Role"] = (await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name + "-operator", Ns)).Metadata.Uid,
            ["RoleBinding"] = (await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(Name + "-operator", Ns)).Metadata.Uid,
        };

        await Harness.Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(Name, Ns);
        await Harness.Client.CoreV1.DeleteNamespacedServiceAccountAsync(Name, Ns);
        await Harness.Client.CoreV1.DeleteNamespacedServiceAsync(Name, Ns);
        await Harness.Client.AppsV1.DeleteNamespacedDeploymentAsync(Name, Ns);
        await Harness.Client.RbacAuthorizationV1.DeleteNamespacedRoleAsync(Name + "-operator", Ns);
        await Harness.Client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(Name + "-operator", Ns);

        await Eventually.TrueAsync(async () =>
        {
            var now = new Dictionary<string, string?>
            {
                ["NetworkPolicy"] = await UidAsync(() => Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(Name, Ns)),
                ["ServiceAccount"] = await UidAsync(() => Harness.Client.CoreV1.ReadNamespacedServiceAccountAsync(Name, Ns)),
                ["Service"] = await UidAsync(() => Harness.Client.CoreV1.ReadNamespacedServiceAsync(Name, Ns)),
                ["Deployment"] = await UidAsync(() => Harness.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, Ns)),
                ["Role"] = await UidAsync(() => Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name + "-operator", Ns)),
                ["RoleBinding"] = await UidAsync(() => Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(Name + "-operator", Ns)),
            };
            return now.All(p => p.Value is not null && p.Value != uids[p.Key]);
        }, "every deleted child to be recreated", Repair);

        var events = await Harness.Client.EventsV1.ListNamespacedEventAsync(Ns);
        Assert.Contains(events.Items, e => e.Reason == "DriftRepaired" && e.Regarding.Name == Name);
    }

    [Fact]
    public async Task Widened_network_policy_is_narrowed_again()
    {
        await Harness.Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(
            Merge("""{"spec":{"ingress":[{}],"egress":[{}]}}"""), Name, Ns);

        await Eventually.TrueAsync(async () =>
        {
            var policy = await Harness.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(Name, Ns);
            return policy.Spec.Ingress is { Count: 1 } ingress && ingress[0].FromProperty is { Count: > 0 }
                && (policy.Spec.Egress ?? []).All(rule => rule.To is { Count: > 0 });
        }, "the open ingress and egress rules to be removed", Repair);
    }

    [Fact]
    public async Task Edited_deployment_service_account_and_service_are_restored()
    {
        var image = (await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, Ns)).Spec.Template.Spec.Containers[0].Image;
        var port = (await Harness.Client.CoreV1.ReadNamespacedServiceAsync(Name, Ns)).Spec.Ports[0].Port;

        await Harness.Client.AppsV1.PatchNamespacedDeploymentAsync(Merge("""{"spec":{"replicas":5}}"""), Name, Ns);
        await Harness.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"evil.example.com/miner:latest"}]""", V1Patch.PatchType.JsonPatch), Name, Ns);
        await Harness.Client.CoreV1.PatchNamespacedServiceAccountAsync(Merge("""{"automountServiceAccountToken":true}"""), Name, Ns);
        await Harness.Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(
            """[{"op":"replace","path":"/spec/ports/0/port","value":9999}]""", V1Patch.PatchType.JsonPatch), Name, Ns);

        var last = "";
        await OperatorHarness.PollAsync(async () =>
        {
            var deployment = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync(Name, Ns);
            var account = await Harness.Client.CoreV1.ReadNamespacedServiceAccountAsync(Name, Ns);
            var service = await Harness.Client.CoreV1.ReadNamespacedServiceAsync(Name, Ns);
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
        var rules = (await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name + "-operator", Ns)).Rules.Count;

        await Harness.Client.RbacAuthorizationV1.PatchNamespacedRoleAsync(Merge(
            """{"rules":[{"apiGroups":[""],"resources":["secrets"],"verbs":["get","list"]}]}"""), Name + "-operator", Ns);
        await Harness.Client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(Merge(
            """{"subjects":[{"kind":"Group","name":"system:authenticated","apiGroup":"rbac.authorization.k8s.io"}]}"""), Name + "-operator", Ns);

        await Eventually.TrueAsync(async () =>
        {
            var role = await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleAsync(Name + "-operator", Ns);
            var binding = await Harness.Client.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(Name + "-operator", Ns);
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
