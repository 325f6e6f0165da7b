using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// A namespace of 200 models: a foreign NetworkPolicy or RoleBinding reconciles the models it may concern, not the
/// whole namespace, and one model's evaluation reads its own objects, not every policy and binding of the namespace
/// (both were O(models in the namespace) per change or per reconcile, quadratic at scale). Counted, not timed. The
/// abuse cases check that the narrowing never hides a policy that selects a model's pods.
/// </summary>
public sealed class CrowdedNamespaceTests(CrowdedNamespace crowd) : IClassFixture<CrowdedNamespace>
{
    private const string Ns = CrowdedNamespace.Ns;
    private const string Reconciles = "controller_runtime_reconcile_total{controller=\"modeldeployments\",result=\"success\"}";
    private readonly OperatorHarness _h = crowd.Harness;

    [Fact]
    public async Task Foreign_network_policy_selecting_one_model_reconciles_only_that_model()
    {
        var target = CrowdedNamespace.Name(7);
        var count = await CountReconcilesAsync(async () =>
        {
            await CreatePolicyAsync("allow-one", new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [ApiGroup.ModelDeploymentLabel] = target } });
            await WaitForFindingAsync(target, "AIG-NET-03", "allow-one");
        });

        Assert.Equal(1, count);
        count = await CountReconcilesAsync(async () =>
        {
            await _h.Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("allow-one", Ns);
            await WaitForNoFindingAsync(target, "AIG-NET-03");
        });
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Foreign_network_policy_selecting_every_pod_reconciles_every_model()
    {
        var count = await CountReconcilesAsync(async () =>
        {
            await CreatePolicyAsync("allow-all", new V1LabelSelector());
            await WaitForFindingAsync(CrowdedNamespace.Name(CrowdedNamespace.Models - 1), "AIG-NET-03", "allow-all");
        });

        Assert.Equal(CrowdedNamespace.Models, count);
        await _h.Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("allow-all", Ns);
        await WaitForNoFindingAsync(CrowdedNamespace.Name(CrowdedNamespace.Models - 1), "AIG-NET-03");
        await Quiescence.WaitAsync(_h.Core, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Foreign_role_binding_to_one_service_account_reconciles_only_that_model()
    {
        var target = CrowdedNamespace.Name(11);
        var count = await CountReconcilesAsync(async () =>
        {
            await _h.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
            {
                Metadata = new V1ObjectMeta { Name = "grant-one" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "edit" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = target }],
            }, Ns);
            await WaitForFindingAsync(target, "AIG-RBAC-03", "grant-one");
        });

        Assert.Equal(1, count);
        await _h.Client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync("grant-one", Ns);
        await WaitForNoFindingAsync(target, "AIG-RBAC-03");
    }

    [Fact]
    public void Evaluation_of_one_model_reads_its_own_network_policy_and_owner_not_the_namespace()
    {
        var inputs = new EvaluationInputSource(_h.Core.Caches, sealing: null);
        var model = _h.Core.Caches.ModelDeployments.Get(Ns, CrowdedNamespace.Name(3))!;
        Assert.True(_h.Core.Caches.NetworkPolicies.List(Ns).Count >= CrowdedNamespace.Models);

        var cluster = inputs.For(model, DateTimeOffset.UtcNow).Cluster!;

        Assert.Equal([CrowdedNamespace.Name(3)], cluster.NetworkPolicies.Select(p => p.Metadata.Name));
        Assert.Equal([CrowdedNamespace.Name(3)], cluster.ModelDeployments.Select(m => m.Name));
    }

    [Fact]
    public async Task Policy_selecting_a_model_by_expression_is_still_a_finding()
    {
        var target = CrowdedNamespace.Name(21);
        await CreatePolicyAsync("by-expression", new V1LabelSelector
        {
            MatchExpressions = [new V1LabelSelectorRequirement { Key = ApiGroup.ModelDeploymentLabel, OperatorProperty = "In", Values = [target] }],
        });

        await WaitForFindingAsync(target, "AIG-NET-03", "by-expression");
        await _h.Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("by-expression", Ns);
        await WaitForNoFindingAsync(target, "AIG-NET-03");
        await Quiescence.WaitAsync(_h.Core, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Policy_with_another_models_copied_owner_reference_is_still_a_finding_for_the_model_it_selects()
    {
        // The attacker copies m-030's controller ownerReference (its uid is readable) onto a policy that opens m-031.
        var owner = _h.Core.Caches.ModelDeployments.Get(Ns, CrowdedNamespace.Name(30))!;
        var target = CrowdedNamespace.Name(31);
        await _h.Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta
            {
                Name = "borrowed-owner",
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = $"{ApiGroup.Group}/{ApiGroup.Version}",
                        Kind = ModelDeployment.KubeKind,
                        Name = owner.Metadata.Name,
                        Uid = owner.Metadata.Uid,
                        Controller = true,
                    },
                ],
            },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [ApiGroup.NameLabel] = target } },
                Ingress = [new V1NetworkPolicyIngressRule()],
            },
        }, Ns);

        // The copied controller reference hands the policy to m-030, whose reconcile may prune it before m-031's
        // verdict names it (as Kubernetes' garbage collector would delete it with m-030): either way the open policy
        // never stands unreported. While it stands, m-031 must carry the finding.
        await Eventually.TrueAsync(
            async () => !await PolicyExistsAsync("borrowed-owner") || HasFinding(target, "AIG-NET-03", "borrowed-owner"),
            "an AIG-NET-03 finding on m-031 naming borrowed-owner, or the policy pruned", TimeSpan.FromMinutes(2));
        try
        {
            await _h.Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("borrowed-owner", Ns);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // m-030's reconcile pruned it first (it may do so at any moment): gone either way.
        }

        await WaitForNoFindingAsync(target, "AIG-NET-03");
        await Quiescence.WaitAsync(_h.Core, TimeSpan.FromMinutes(2));
    }

    private async Task<int> CountReconcilesAsync(Func<Task> change)
    {
        await Quiescence.WaitAsync(_h.Core, TimeSpan.FromMinutes(2));
        var before = await _h.MetricAsync(Reconciles);
        await change();
        await Quiescence.WaitAsync(_h.Core, TimeSpan.FromMinutes(2));
        return (int)(await _h.MetricAsync(Reconciles) - before);
    }

    private async Task CreatePolicyAsync(string name, V1LabelSelector selector) =>
        await _h.Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1NetworkPolicySpec { PodSelector = selector, Ingress = [new V1NetworkPolicyIngressRule()] },
        }, Ns);

    private Task<ModelDeployment> WaitForFindingAsync(string model, string control, string objectName) =>
        _h.WaitForModelAsync(Ns, model,
            m => m.Status?.Findings?.Any(f => f.Control == control && f.Message.Contains(objectName, StringComparison.Ordinal)) == true,
            $"an {control} finding naming {objectName}", TimeSpan.FromMinutes(2));

    private bool HasFinding(string model, string control, string objectName) =>
        _h.Core.Caches.ModelDeployments.Get(Ns, model)?.Status?.Findings?.Any(f => f.Control == control && f.Message.Contains(objectName, StringComparison.Ordinal)) == true;

    private async Task<bool> PolicyExistsAsync(string name) =>
        (await _h.Client.NetworkingV1.ListNamespacedNetworkPolicyAsync(Ns, fieldSelector: "metadata.name=" + name)).Items.Count > 0;

    private Task<ModelDeployment> WaitForNoFindingAsync(string model, string control) =>
        _h.WaitForModelAsync(Ns, model, m => m.Status?.Findings?.Any(f => f.Control == control) != true,
            $"no {control} finding", TimeSpan.FromMinutes(2));
}
