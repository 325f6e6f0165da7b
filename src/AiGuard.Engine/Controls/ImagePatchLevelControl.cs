using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Images;
using AiGuard.Engine.Vulnerabilities;

namespace AiGuard.Engine.Controls;

/// <summary>
/// AIG-IMG-03: the effective image is at least every policy's minimum patched version for its repository, and no scan
/// of exactly that image lists a vulnerability a policy's <c>images.vulnerabilities</c> counts. A version that cannot
/// be read from the tag (no tag, digest only, no leading number) fails: it cannot be shown to be patched.
/// </summary>
internal sealed class ImagePatchLevelControl : IControl
{
    public ControlDefinition Definition { get; } = new(
        ControlIds.ImagePatchLevel,
        ConditionTypes.ImagePatched,
        Severities.Critical,
        "The image is at or above the minimum patched version, and no scan of it lists a vulnerability at or above the policy's failOn",
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

        foreach (var verdict in VulnerabilityFindings.For(image, context.Policies.Constraining(Definition.Id), context.Vulnerabilities))
        {
            var requirement = verdict.Requirement;
            var count = verdict.Failing.Count;
            violations.Add(new Violation(
                $"image {image} has {count} {(requirement.OnlyFixable ? "fixable " : "")}vulnerabilit{(count == 1 ? "y" : "ies")} at or above {requirement.FailOn} "
                    + $"in {VulnerabilityCitation.Sources(verdict.Sources)}: {VulnerabilityCitation.Of(verdict.Failing)}{patchNote}",
                requirement.Policy,
                "update spec.serving.image to a build whose packages reach the fixed versions, or set spec.updates.patch to Auto with a "
                    + $"minimumVersions entry for {image.FullRepository} whose advisories list {VulnerabilityCitation.Ids(VulnerabilityFindings.Ids([verdict]))}"));
        }

        return violations;
    }
}
