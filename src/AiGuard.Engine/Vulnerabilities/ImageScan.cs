using AiGuard.Engine.Images;

namespace AiGuard.Engine.Vulnerabilities;

/// <summary>
/// ImageScan is what one scan says about one image: a Trivy Operator VulnerabilityReport in the cluster, or one
/// <c>trivy image -f json</c> file offline. The engine uses it only for the exact image the model runs: the same
/// normalized repository and, when the image is pinned, the same digest, else the same tag (see <see cref="Describes"/>).
/// </summary>
/// <param name="Source">Where it came from, for messages: <c>VulnerabilityReport ns/name</c> or a file name.</param>
/// <param name="Repository">The scanned repository as the scanner wrote it, with its registry (e.g. <c>index.docker.io/library/nginx</c>).</param>
/// <param name="Tags">Tags the scanned image was known by (empty when unknown).</param>
/// <param name="Digests">Digests <c>sha256:&lt;hex&gt;</c> of the scanned image (empty when unknown).</param>
/// <param name="Vulnerabilities">What the scan found.</param>
public sealed record ImageScan(
    string Source,
    string Repository,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Digests,
    IReadOnlyList<ImageVulnerability> Vulnerabilities)
{
    /// <summary>The tag a reference without tag or digest means to the runtime.</summary>
    private const string ImplicitTag = "latest";

    /// <summary>
    /// True when this scan is of <paramref name="image"/>: same normalized repository, and for a digest-pinned image
    /// its digest is among <see cref="Digests"/>, else its tag (<c>latest</c> when none) is among <see cref="Tags"/>.
    /// A pinned image is judged only by scans of its bytes: a tag moves, so a scan of "the same tag" may be of other
    /// bytes, and the old scan of a rebuilt release would otherwise follow it to the fixed rebuild.
    /// </summary>
    public bool Describes(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (ImageReference.NormalizeRepository(Repository) != image.FullRepository)
        {
            return false;
        }

        if (image.Digest is { } digest)
        {
            return Digests.Any(d => string.Equals(d, digest, StringComparison.Ordinal));
        }

        var tag = image.Tag ?? ImplicitTag;
        return Tags.Any(t => string.Equals(t, tag, StringComparison.Ordinal));
    }
}
