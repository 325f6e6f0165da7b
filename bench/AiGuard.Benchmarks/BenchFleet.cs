using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using k8s.Models;

namespace AiGuard.Benchmarks;

/// <summary>
/// BenchFleet builds the operator benchmark's objects: N ModelDeployments in four kinds (two Compliant, one
/// NonCompliant, one Blocked), spread over ten namespaces, under one enforcing GuardPolicy, plus the policy change
/// that blocks the two Compliant kinds (half the models) by raising the minimum triton version above theirs.
/// </summary>
internal static class BenchFleet
{
    public const int NamespaceCount = 10;
    public const string PolicyName = "bench-baseline";

    /// <summary>Adds a minimum version for triton that the 24.08 images miss: AIG-IMG-03 (critical) blocks them.</summary>
    public const string FlipPatch = """{"spec":{"images":{"minimumVersions":[{"repository":"ghcr.io/acme/triton","version":"24.10"}]}}}""";

    private const string Digest = "sha256:946b17aac5d00991806e4ae0581c5a87c856cc9a9134bc9cb7cd0a1aa85ac57f";
    private const string ModelSha = "5a116d9d248e23aded3f2efc2edda46aae1c4b5deb61d76ab2d75452dfdc4e29";

    public static string Namespace(int i) => $"bench-{i % NamespaceCount:00}";

    public static string Name(int i) => $"model-{i:00000}";

    /// <summary>Kinds 0 and 1: pinned triton 24.08 (Compliant); 2: an unpinned :latest image (AIG-IMG-02, medium:
    /// NonCompliant); 3: an image outside the allowed registries (AIG-IMG-01, high: Blocked).</summary>
    public static ModelDeployment Model(int i) => new()
    {
        Metadata = new V1ObjectMeta { Name = Name(i), NamespaceProperty = Namespace(i) },
        Spec = new ModelDeploymentSpec
        {
            Owner = "team-ml@example.com",
            RiskLevel = RiskLevels.Limited,
            Model = new ModelSource { Uri = $"s3://models/{Name(i)}/model.onnx", Sha256 = ModelSha },
            Serving = new ServingSpec { Image = Image(i), Port = 8000 },
        },
    };

    public static string ExpectedBefore(int i) => (i % 4) switch
    {
        0 or 1 => Phases.Compliant,
        2 => Phases.NonCompliant,
        _ => Phases.Blocked,
    };

    public static string ExpectedAfterFlip(int i) => (i % 4) is 0 or 1 ? Phases.Blocked : ExpectedBefore(i);

    public static GuardPolicy Policy() => new()
    {
        Metadata = new V1ObjectMeta { Name = PolicyName },
        Spec = new GuardPolicySpec
        {
            Enforcement = EnforcementModes.Enforce,
            Images = new ImagePolicy { AllowedRegistries = ["ghcr.io/acme"] },
        },
    };

    private static string Image(int i) => (i % 4) switch
    {
        0 or 1 => "ghcr.io/acme/triton:24.08-py3@" + Digest,
        2 => "ghcr.io/acme/tools:latest",
        _ => "docker.io/library/nginx:1.27@" + Digest,
    };
}
