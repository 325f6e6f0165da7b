using AiGuard.Api.ModelDeployments;
using AiGuard.Operator.Tests.Controllers.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers;

/// <summary>
/// One quantity such as <c>1e999999999</c> (upstream's quantity pattern admits it) made KubernetesClient compute ten
/// to that power on read and print: an attacker with one object could stall the operator's workers and informers.
/// </summary>
public sealed class HugeQuantityTests() : OperatorInNamespace(Ns)
{
    private const string Ns = "ml-quantity";
    private const string Huge = "1e999999999";

    [Fact]
    public async Task A_model_with_a_huge_quantity_is_refused_by_the_API_server_naming_the_field()
    {
        var model = TestModels.Compliant(Ns, "greedy");
        model.Spec.Serving!.Resources = new ResourceRequirementsSpec
        {
            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new AiGuard.Api.Quantities.VerbatimQuantity(Huge) },
        };

        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => Harness.CreateAsync(model));

        Assert.Equal(422, (int)refused.Response.StatusCode);
        Assert.True(refused.Response.Content.Contains("spec.serving.resources.limits[cpu]", StringComparison.Ordinal), refused.Response.Content);
    }

    [Fact]
    public async Task A_huge_quantity_edited_into_a_managed_deployment_stalls_nothing()
    {
        await Harness.CreateAsync(TestModels.Compliant(Ns, "first"));
        await Harness.WaitForPhaseAsync(Ns, "first", Phases.Compliant);

        // The namespace user adds a sidecar asking for a huge amount, and a foreign GPU workload beside it: the
        // child cache, the drift check and the shadow-AI scan all read these quantities.
        await Harness.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""
            [{"op":"add","path":"/spec/template/spec/containers/-","value":
              {"name":"hog","image":"ghcr.io/acme/hog:1","resources":{"limits":{"cpu":"HUGE","memory":"HUGE"}}}},
             {"op":"add","path":"/spec/template/metadata/annotations","value":{"aiguard.io/note":"1234567e89012345"}}]
            """.Replace("HUGE", Huge, StringComparison.Ordinal), V1Patch.PatchType.JsonPatch), "first", Ns);
        await Harness.Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "gpu-hog", NamespaceProperty = Ns },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "gpu-hog" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "gpu-hog" } },
                    Spec = new V1PodSpec
                    {
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "c",
                                Image = "ghcr.io/acme/app:1",
                                Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new AiGuard.Api.Quantities.VerbatimQuantity(Huge) } },
                            },
                        ],
                    },
                },
            },
        }, Ns);

        // The added sidecar is drift (the operator owns the container list) and is removed, and a model created
        // afterwards still converges: no worker is stuck on the huge quantity.
        await Eventually.TrueAsync(async () =>
            (await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("first", Ns)).Spec.Template.Spec.Containers.Count == 1,
            "the sidecar with the huge quantity to be removed");
        await Harness.CreateAsync(TestModels.Compliant(Ns, "second"));
        await Harness.WaitForPhaseAsync(Ns, "second", Phases.Compliant);
        var stored = await Harness.Client.AppsV1.ReadNamespacedDeploymentAsync("gpu-hog", Ns);
        Assert.Equal(Huge, stored.Spec.Template.Spec.Containers[0].Resources.Limits["nvidia.com/gpu"].ToString());
    }
}
