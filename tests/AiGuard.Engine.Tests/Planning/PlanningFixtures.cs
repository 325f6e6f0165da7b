using System.Text;
using AiGuard.Api;
using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Planning;
using k8s;
using k8s.Models;

namespace AiGuard.Engine.Tests.Planning;

/// <summary>Models, assessments and opened secrets shared by the planner tests.</summary>
internal static class PlanningFixtures
{
    public const string Name = "fraud-scorer";
    public const string Namespace = "ml-prod";
    public const string Uid = "0b5c6f7e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
    public const string Image = "ghcr.io/acme/triton:24.08-py3@sha256:4f8c1c3a9d2e5b6a7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
    public const string ModelUri = "s3://models/fraud/v3/model.onnx";
    public const string ModelSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /// <summary>A ModelDeployment with only a model and an image: everything else comes from the secure defaults.</summary>
    public static ModelDeployment Minimal() => new()
    {
        Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace, Uid = Uid },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSource { Uri = ModelUri, Sha256 = ModelSha256 },
            Serving = new ServingSpec { Image = Image },
        },
    };

    public static Assessment Compliant() => new() { Image = new ImageStatus { Requested = Image, Effective = Image } };

    public static Assessment Quarantined() => Compliant() with
    {
        QuarantineReason = "suspected data exfiltration, INC-4711",
        Phase = Phases.Quarantined,
    };

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> NoSecrets { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, byte[]>>();

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>> Opened(
        string secret, params (string Key, string Value)[] values) =>
        new Dictionary<string, IReadOnlyDictionary<string, byte[]>>
        {
            [secret] = values.ToDictionary(v => v.Key, v => Encoding.UTF8.GetBytes(v.Value)),
        };

    /// <summary>A sealed entry; the sealed strings are opaque to the planner, which only uses their keys.</summary>
    public static SecretSpec Sealed(string name, params string[] keys) => new()
    {
        Name = name,
        SealedData = keys.ToDictionary(k => k, k => "AGS1." + k + ".sealed"),
    };

    public static DesiredState Plan(ModelDeployment model, Assessment? assessment = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, byte[]>>? opened = null, V1Deployment? running = null) =>
        Planner.Plan(model, assessment ?? Compliant(), opened ?? NoSecrets, running);

    public static V1Container Container(DesiredState state) => Assert.Single(state.Deployment.Spec.Template.Spec.Containers);

    public static Dictionary<string, string> ExpectedChildLabels(string name = Name) => new()
    {
        [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue,
        [ApiGroup.NameLabel] = name,
        [ApiGroup.ModelDeploymentLabel] = name,
    };

    /// <summary>Both wire forms a child can leave the process in: JSON (API requests) and YAML (CLI output).</summary>
    public static string Wire(IKubernetesObject<V1ObjectMeta> child) =>
        KubernetesJson.Serialize(child) + "\n" + KubernetesYaml.Serialize(child);
}
