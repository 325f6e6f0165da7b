namespace AiGuard.Engine.Images;

/// <summary>ImageResolution is the requested image and the one that will run after an automatic patch.</summary>
/// <param name="Requested">spec.serving.image, parsed.</param>
/// <param name="Effective">The image the Deployment runs.</param>
/// <param name="PatchProblem">Why an automatic patch was wanted but not possible, or null.</param>
internal sealed record ImageResolution(ImageReference Requested, ImageReference Effective, string? PatchProblem)
{
    public bool Patched => Requested != Effective;
}
