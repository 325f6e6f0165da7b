using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Images;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-IMG-03: the effective image is at least every policy's minimum patched version for its repository. A version
/// that cannot be read from the tag (no tag, digest only, no leading number) fails: it cannot be shown to be patched.
/// </summary>
internal sealed class ImagePatchLevelControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.ImagePatchLevel,
        ConditionTypes.ImagePatched,
        Severities.Critical,
        "The image is at or above the minimum patched version",
        "set spec.serving.image to a patched version or set spec.updates.patch to Auto",
        ControlScope.FilesAndCluster);

    public IReadOnlyList<Violation>? Evaluate(EvaluationContext context)
    {
        var image = context.Image.Effective;
        var version = ImageVersion.FromTag(image.Tag);
        var patchNote = context.Image.PatchProblem is { } problem ? $"; automatic patch not possible: {problem}" : "";
        var violations = new List<Violation>();
        foreach (var requirement in MinimumVersionRequirement.For(context.Policies.Constraining(Definition.Id), image.FullRepository))
        {
            if (version is null)
            {
                violations.Add(new Violation(
                    $"image {image} has {(image.Tag is null ? "no tag" : $"tag {image.Tag} without a leading version number")}, so it cannot be shown to be at least the minimum patched version {requirement.Minimum}{requirement.AdvisorySuffix}",
                    requirement.Policy,
                    $"use a version tag >= {requirement.Minimum} (a digest may follow: repository:tag@sha256:<digest>)"));
            }
            else if (version < requirement.Minimum)
            {
                violations.Add(new Violation(
                    $"image {image} is below the minimum patched version {requirement.Minimum}{requirement.AdvisorySuffix}{patchNote}",
                    requirement.Policy,
                    $"set spec.serving.image to a version >= {requirement.Minimum} or set spec.updates.patch to Auto"));
            }
        }

        return violations;
    }
}
