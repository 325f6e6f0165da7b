using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Policies;

namespace AiGuard.Engine.Controls;

/// <summary>AIG-IMG-02: the image names fixed bytes (a digest), or at least a version tag other than latest.</summary>
internal sealed class ImagePinnedControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.ImagePinned,
        ConditionTypes.ImagePatched,
        Severities.Medium,
        "The image is pinned",
        "pin the image with a digest (repository:tag@sha256:<digest>), or at least a version tag other than latest",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var image = context.Image.Effective;
        if (image.Digest is not null)
        {
            return [];
        }

        var violations = new List<Violation>();
        if (image.Tag is null or "latest")
        {
            violations.Add(new Violation($"image {image} has no digest and {(image.Tag is null ? "no tag (it means latest)" : "the tag latest")}: the bytes that run can change at any pull"));
        }

        if (context.Policies.Constraining(Definition.Id).FirstOrDefault(p => p.Spec?.Images?.RequireDigest == true) is { } policy)
        {
            violations.Add(new Violation(
                $"image {image} has no digest and policy {ApplicablePolicies.NameOf(policy)} requires one",
                ApplicablePolicies.NameOf(policy),
                "append the digest: repository:tag@sha256:<digest> (e.g. from `crane digest` or `docker buildx imagetools inspect`)"));
        }

        return violations;
    }
}
