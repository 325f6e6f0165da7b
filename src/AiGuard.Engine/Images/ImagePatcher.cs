using AiGuard.Api.ModelDeployments;
using AiGuard.Engine.Controls;
using AiGuard.Engine.Policies;

namespace AiGuard.Engine.Images;

/// <summary>
/// ImagePatcher decides the effective image under <c>spec.updates.patch: Auto</c>: when the requested version is
/// below a policy's minimum it moves to that policy's patchedImage, or else rewrites the tag to the minimum in the
/// tag's own style when no digest is required. When several minimums are missed, the highest one is the target so
/// that one move satisfies them all where possible; AIG-IMG-03 then judges the result.
/// </summary>
internal static class ImagePatcher
{
    public static ImageResolution Resolve(ImageReference requested, string? patchMode, ApplicablePolicies policies)
    {
        var unchanged = new ImageResolution(requested, requested, null);
        if (patchMode != PatchModes.Auto || ImageVersion.FromTag(requested.Tag) is not { } version)
        {
            return unchanged;
        }

        var target = MinimumVersionRequirement.For(policies.Constraining(ControlIds.ImagePatchLevel), requested.FullRepository)
            .Where(r => version < r.Minimum)
            .Aggregate((MinimumVersionRequirement?)null, (best, r) => best is null || r.Minimum > best.Minimum ? r : best);
        if (target is null)
        {
            return unchanged;
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
}
