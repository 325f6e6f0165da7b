using System.Text.RegularExpressions;

namespace AiGuard.Engine.Images;

/// <summary>
/// ImageReference is a parsed <c>[registry/]repository[:tag][@sha256:digest]</c>, normalized like the container
/// runtime: <c>nginx</c> is <c>docker.io/library/nginx</c>, <c>vllm/vllm-openai</c> is
/// <c>docker.io/vllm/vllm-openai</c>, and a first path part with a <c>.</c> or <c>:</c>, equal to
/// <c>localhost</c> or with an upper-case letter is a registry.
/// </summary>
/// <param name="Name">The name as written, without tag and digest (kept so that rewrites keep the user's style).</param>
/// <param name="Registry">The registry host (and port), lower case, e.g. <c>docker.io</c>.</param>
/// <param name="Repository">The repository path inside the registry, e.g. <c>library/nginx</c>.</param>
/// <param name="Tag">The tag, or null.</param>
/// <param name="Digest">The digest <c>sha256:&lt;64 hex&gt;</c>, or null.</param>
public sealed partial record ImageReference(string Name, string Registry, string Repository, string? Tag, string? Digest)
{
    /// <summary>The registry the runtime assumes when a reference names none.</summary>
    public const string DefaultRegistry = "docker.io";

    private const int MaxNameLength = 255;

    /// <summary>The normalized repository, e.g. <c>docker.io/vllm/vllm-openai</c>; what policies name.</summary>
    public string FullRepository => $"{Registry}/{Repository}";

    /// <summary>The normalized reference, e.g. <c>docker.io/library/nginx:1.27</c>.</summary>
    public string Normalized => FullRepository + Suffix(Tag, Digest);

    /// <summary>Parses a reference; throws <see cref="ImageReferenceException"/> naming the problem.</summary>
    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new ImageReferenceException(error);

    /// <summary>Parses a reference; on failure <paramref name="error"/> says why, never throws.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImageReference? reference, out string error)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "an image reference is required, e.g. ghcr.io/acme/server:1.2";
            return false;
        }

        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                error = $"image '{text}' has an invalid digest '{digest}': expected sha256:<64 lower-case hex characters>";
                return false;
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0 && colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"image '{text}' has an invalid tag '{tag}': up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'";
                return false;
            }
        }

        var name = rest;
        if (name.Length == 0)
        {
            error = $"image '{text}' has no repository name";
            return false;
        }

        if (name.Length > MaxNameLength)
        {
            error = $"image '{text}' has a name longer than {MaxNameLength} characters";
            return false;
        }

        var (registry, repository) = SplitRegistry(name);
        if (!RegistryPattern().IsMatch(registry))
        {
            error = $"image '{text}' has an invalid registry '{registry}'";
            return false;
        }

        foreach (var component in repository.Split('/'))
        {
            if (!PathComponentPattern().IsMatch(component))
            {
                error = component.Any(char.IsUpper)
                    ? $"image '{text}' has an invalid repository '{repository}': repository names must be lower case"
                    : $"image '{text}' has an invalid repository path part '{component}': use lower-case letters and digits separated by '.', '_', '__' or '-'";
                return false;
            }
        }

        reference = new ImageReference(name, registry, repository, tag, digest);
        error = "";
        return true;
    }

    /// <summary>
    /// True when the image lies under <paramref name="prefix"/> on a path boundary: <c>ghcr.io/acme</c> covers
    /// <c>ghcr.io/acme</c> and <c>ghcr.io/acme/x</c> but not <c>ghcr.io/acmeevil/x</c>.
    /// </summary>
    public bool IsUnder(string prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return false;
        }

        var normalizedPrefix = NormalizePrefix(prefix);
        return FullRepository.Equals(normalizedPrefix, StringComparison.Ordinal)
            || FullRepository.StartsWith(normalizedPrefix + "/", StringComparison.Ordinal);
    }

    /// <summary>The same name with another tag and no digest (a digest would pin the old bytes).</summary>
    public ImageReference WithTag(string tag) => this with { Tag = tag, Digest = null };

    /// <summary>The reference as written: name, tag and digest.</summary>
    public override string ToString() => Name + Suffix(Tag, Digest);

    /// <summary>
    /// Normalizes a repository name as policies write it (<c>vllm/vllm-openai</c>) to its full form
    /// (<c>docker.io/vllm/vllm-openai</c>); returns null when it is not a valid name.
    /// </summary>
    public static string? NormalizeRepository(string? repository) =>
        repository is not null && !repository.Contains('@', StringComparison.Ordinal)
            && TryParse(repository, out var parsed, out _) && parsed.Tag is null
            ? parsed.FullRepository
            : null;

    private static string NormalizePrefix(string prefix)
    {
        const string legacyHub = "index.docker.io";
        var trimmed = prefix.Trim().TrimEnd('/').ToLowerInvariant();
        return trimmed == legacyHub || trimmed.StartsWith(legacyHub + "/", StringComparison.Ordinal)
            ? DefaultRegistry + trimmed[legacyHub.Length..]
            : trimmed;
    }

    private static (string Registry, string Repository) SplitRegistry(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        string registry;
        string repository;
        if (slash < 0)
        {
            registry = DefaultRegistry;
            repository = name;
        }
        else
        {
            var first = name[..slash];
            var isRegistry = first.Contains('.', StringComparison.Ordinal)
                || first.Contains(':', StringComparison.Ordinal)
                || first == "localhost"
                || first.Any(char.IsUpper);
            registry = isRegistry ? first.ToLowerInvariant() : DefaultRegistry;
            repository = isRegistry ? name[(slash + 1)..] : name;
        }

        if (registry == "index.docker.io")
        {
            registry = DefaultRegistry;
        }

        if (registry == DefaultRegistry && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        return (registry, repository);
    }

    private static string Suffix(string? tag, string? digest) =>
        (tag is null ? "" : ":" + tag) + (digest is null ? "" : "@" + digest);

    [GeneratedRegex("^sha256:[a-f0-9]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponentPattern();

    [GeneratedRegex("^(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])(?:\\.(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9]))*(?::[0-9]{1,5})?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();
}
