using AiGuard.Api.Quantities;
using AiGuard.Engine.Inventory;
using k8s.Models;

namespace AiGuard.Engine.Tests.Inventory;

/// <summary>A tenant who may create one ModelDeployment and workloads in one namespace tries to hide an inference server.</summary>
public sealed class InferenceWorkloadHidingTests
{
    private static readonly ModelDeploymentIdentity LiveModel = new("ml", "scorer", "uid-live");
    private static readonly InferenceWorkloadDetector Detector = new([], [LiveModel]);
    private static readonly V1PodSpec Vllm = new() { Containers = [new V1Container { Name = "c", Image = "vllm/vllm-openai:v0.6.4" }] };

    private static V1ObjectMeta Meta(string name, string @namespace = "ml", Dictionary<string, string>? labels = null, params V1OwnerReference[] owners) =>
        new() { Name = name, NamespaceProperty = @namespace, Labels = labels, OwnerReferences = [.. owners] };

    private static V1OwnerReference Owner(string name, string uid, string apiVersion = "aiguard.io/v1alpha1", string kind = "ModelDeployment", bool controller = true) =>
        new() { ApiVersion = apiVersion, Kind = kind, Name = name, Uid = uid, Controller = controller };

    [Fact]
    public void Managed_by_labels_hide_nothing()
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "aiguard-operator", ["aiguard.io/model-deployment"] = "scorer" };

        Assert.NotNull(Detector.Detect("Deployment", Meta("scorer", labels: labels), Vllm));
    }

    [Fact]
    public void An_owner_reference_to_a_model_that_does_not_exist_hides_nothing() =>
        Assert.NotNull(Detector.Detect("Deployment", Meta("ghost", owners: Owner("ghost", "uid-invented")), Vllm));

    [Fact]
    public void A_live_models_uid_under_another_name_hides_nothing() =>
        Assert.NotNull(Detector.Detect("Deployment", Meta("other", owners: Owner("other", "uid-live")), Vllm));

    [Fact]
    public void A_copied_owner_reference_on_a_second_deployment_hides_nothing()
    {
        var found = Detector.Detect("Deployment", Meta("shadow", owners: Owner("scorer", "uid-live")), Vllm);

        Assert.NotNull(found);
        Assert.Contains(found.Reasons, r => r.Contains("ownerReference to ModelDeployment 'scorer' does not make it managed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_live_models_owner_reference_copied_into_another_namespace_hides_nothing() =>
        Assert.NotNull(Detector.Detect("Deployment", Meta("scorer", "other-ns", owners: Owner("scorer", "uid-live")), Vllm));

    [Theory]
    [InlineData("StatefulSet")]
    [InlineData("DaemonSet")]
    [InlineData("Pod")]
    public void The_operator_creates_only_deployments_so_other_kinds_claiming_a_model_are_reported(string kind) =>
        Assert.NotNull(Detector.Detect(kind, Meta("scorer", owners: Owner("scorer", "uid-live")), Vllm));

    [Theory]
    [InlineData("evil.io/v1alpha1", "ModelDeployment")]
    [InlineData("ModelDeployment", "ModelDeployment")]
    [InlineData("aiguard.io/v1alpha1", "modeldeployment")]
    public void A_look_alike_owner_kind_or_group_hides_nothing(string apiVersion, string kind) =>
        Assert.NotNull(Detector.Detect("Deployment", Meta("scorer", owners: Owner("scorer", "uid-live", apiVersion, kind)), Vllm));

    [Fact]
    public void A_non_controller_reference_to_the_live_model_hides_nothing() =>
        Assert.NotNull(Detector.Detect("Deployment", Meta("scorer", owners: Owner("scorer", "uid-live", controller: false)), Vllm));

    [Fact]
    public void A_gpu_in_an_init_container_is_found()
    {
        var spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "c", Image = "ghcr.io/acme/app:1" }],
            InitContainers = [new V1Container { Name = "i", Image = "ghcr.io/acme/app:1", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("1") } } }],
        };

        Assert.Equal(["limits nvidia.com/gpu: 1"], Detector.Detect("Deployment", Meta("x"), spec)?.Reasons);
    }

    [Theory]
    [InlineData("1e999999999")]
    [InlineData("0.1e99")]
    public async Task A_gpu_asked_for_with_a_huge_quantity_is_found_at_once(string amount)
    {
        // Hiding by volume: ResourceQuantity would spin for minutes on the first (stalling the whole scan) and
        // overflow on the second. The deadline only bounds a hang.
        var spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "c", Image = "ghcr.io/acme/app:1", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new VerbatimQuantity(amount) } } }],
        };

        var detection = await Task.Run(() => Detector.Detect("Deployment", Meta("x"), spec)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([$"limits nvidia.com/gpu: {amount}"], detection?.Reasons);
    }

    [Fact]
    public void A_zero_or_negative_gpu_quantity_asks_for_nothing()
    {
        var spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "c", Image = "ghcr.io/acme/app:1", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["nvidia.com/gpu"] = new("0"), ["amd.com/gpu"] = new VerbatimQuantity("-0e99") } } }],
        };

        Assert.Null(Detector.Detect("Deployment", Meta("x"), spec));
    }
}
