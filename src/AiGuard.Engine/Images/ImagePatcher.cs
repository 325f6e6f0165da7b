using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Policies;
using AiGuard.Engine.Vulnerabilities;

namespace AiGuard.Engine.Images;

/// <summary>
/// ImagePatcher decides the effective image under <c>spec.updates.patch: Auto</c>. Two things call for a move: the
/// requested version is below a policy's minimum (the target is the highest missed minimum, so one move satisfies them
/// all where possible), or a scan of the requested image lists vulnerabilities a policy's <c>images.vulnerabilities</c>
/// counts. For the latter the target is the lowest <c>minimumVersions</c> entry for the repository whose
/// <c>advisories</c> list every one of those ids and that leads somewhere new: a higher version, or, at the same
/// version, a different <c>patchedImage</c> (a rebuild of the same release with fixed OS packages, the common Trivy
/// case). A missed minimum still binds, so the covering entry wins only when it is at least as high. A scanner's
/// fixed version is a package version, not an image tag, so only a policy names the image that fixes a
/// vulnerability: with no covering entry the image stays and AIG-IMG-03 fails, saying why. The move goes to the
/// target's patchedImage, or else rewrites the tag to the target version in the tag's own style when no digest is
/// required; AIG-IMG-03 then judges the result.
/// </summary>
internal static class ImagePatcher
{
    public static ImageResolution Resolve(ImageReference requested, string? patchMode, ApplicablePolicies policies, IReadOnlyList<ImageScan>? scans = null)
    {
        var unchanged = new ImageResolution(requested, requested, null);
        if (patchMode != PatchModes.Auto || ImageVersion.FromTag(requested.Tag) is not { } version)
        {
            return unchanged;
        }

        var constraining = policies.Constraining(ControlIds.ImagePatchLevel);
        var requirements = MinimumVersionRequirement.For(constraining, requested.FullRepository);
        var belowMinimum = requirements
            .Where(r => version < r.Minimum)
            .Aggregate((MinimumVersionRequirement?)null, Higher);

        var vulnerable = VulnerabilityFindings.Ids(VulnerabilityFindings.For(requested, constraining, scans));
        var fixing = vulnerable.Count == 0 ? null : requirements
            .Where(r => Covers(r, vulnerable) && LeadsElsewhere(r, requested, version))
            .Aggregate((MinimumVersionRequirement?)null, (best, r) => best is null || r.Minimum < best.Minimum ? r : best);

        var target = fixing is not null && (belowMinimum is null || fixing.Minimum >= belowMinimum.Minimum) ? fixing : belowMinimum;
        if (target is null)
        {
            return vulnerable.Count == 0 ? unchanged : new ImageResolution(requested, requested,
                $"no policy's minimumVersions entry for {requested.FullRepository} that leads to another image lists {VulnerabilityCitation.Ids(vulnerable)} in its advisories, so no image is known to fix them");
        }

        if (!string.IsNullOrWhiteSpace(target.Entry.PatchedImage)
            && ImageReference.TryParse(target.Entry.PatchedImage, out var patched, out _))
        {
            return new ImageResolution(requested, patched, null);
        }

        var digestRequired = policies.Constraining(ControlIds.ImagePinned).Any(p => p.Spec?.Images?.RequireDigest == true);
        if (!digestRequired && ImageVersion.RewriteTag(requested.Tag, target.Minimum) is { } tag)
        {
            return new ImageResolution(requested, requested.WithTag(tag), null);
        }

        var why = string.IsNullOrWhiteSpace(target.Entry.PatchedImage)
            ? $"policy {target.Policy} gives no patchedImage for {requested.FullRepository} and a digest is required, so the tag cannot be rewritten"
            : $"policy {target.Policy} gives an invalid patchedImage and a digest is required, so the tag cannot be rewritten";
        return new ImageResolution(requested, requested, why);
    }

    private static MinimumVersionRequirement? Higher(MinimumVersionRequirement? best, MinimumVersionRequirement candidate) =>
        best is null || candidate.Minimum > best.Minimum ? candidate : best;

    // A higher version, or the same version with a patchedImage other than the requested image: never a step back,
    // never a "move" to the very image the scan found vulnerable.
    private static bool LeadsElsewhere(MinimumVersionRequirement requirement, ImageReference requested, ImageVersion version) =>
        version < requirement.Minimum
        || (version.CompareTo(requirement.Minimum) == 0
            && ImageReference.TryParse(requirement.Entry.PatchedImage, out var patched, out _)
            && patched.Normalized != requested.Normalized);

    // Advisory ids are compared ignoring case: policies are typed by hand, scanners write CVE-... in upper case.
    private static bool Covers(MinimumVersionRequirement requirement, IReadOnlyList<string> ids) =>
        requirement.Entry.Advisories is { Count: > 0 } advisories
        && ids.All(id => advisories.Any(a => string.Equals(a?.Trim(), id, StringComparison.OrdinalIgnoreCase)));
}
