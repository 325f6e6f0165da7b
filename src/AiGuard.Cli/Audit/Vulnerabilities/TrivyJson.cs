using System.Text.Json;
using AiGuard.Cli.Audit.Yaml;
using AiGuard.Engine.Images;
using AiGuard.Engine.Vulnerabilities;

namespace AiGuard.Cli.Audit.Vulnerabilities;

/// <summary>
/// TrivyJson turns one <c>trivy image -f json</c> file into the engine's <see cref="ImageScan"/>s: one per image
/// repository the scan names (<c>ArtifactName</c>, <c>Metadata.RepoTags</c>, <c>Metadata.RepoDigests</c>), each with
/// every vulnerability of every result. Problems are <see cref="ManifestError"/>s naming the file, and the line and
/// column when the JSON itself is broken; nothing is guessed.
/// </summary>
internal static class TrivyJson
{
    private const string ImageArtifact = "container_image";

    private static readonly JsonSerializerOptions Options = new()
    {
        MaxDepth = 64,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>The scans in <paramref name="input"/>; on failure an error is added and nothing is returned.</summary>
    public static IReadOnlyList<ImageScan> Read(ManifestInput input, List<ManifestError> errors)
    {
        TrivyReport? report;
        try
        {
            report = JsonSerializer.Deserialize<TrivyReport>(input.Text, Options);
        }
        catch (JsonException e)
        {
            errors.Add(new ManifestError(input.DisplayPath, Position(e), $"not valid Trivy JSON{(e.Path is { Length: > 1 } path ? $" at {path}" : "")}: {Reason(e)}"));
            return [];
        }

        if (report is null)
        {
            errors.Add(new ManifestError(input.DisplayPath, null, "holds no Trivy report (expected the output of `trivy image -f json`)"));
            return [];
        }

        if (report.ArtifactType is { } type && type != ImageArtifact)
        {
            errors.Add(new ManifestError(input.DisplayPath, null, $"ArtifactType is '{type}', not '{ImageArtifact}': scan the image with `trivy image -f json`"));
            return [];
        }

        var vulnerabilities = Vulnerabilities(report, input.DisplayPath, errors);
        var images = Images(report, input.DisplayPath, errors);
        if (vulnerabilities is null || images is null)
        {
            return [];
        }

        return images
            .GroupBy(i => i.FullRepository, StringComparer.Ordinal)
            .Select(g => new ImageScan(
                input.DisplayPath,
                g.Key,
                g.Select(i => i.Tag).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
                g.Select(i => i.Digest).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
                vulnerabilities))
            .ToList();
    }

    private static List<ImageReference>? Images(TrivyReport report, string file, List<ManifestError> errors)
    {
        var images = new List<ImageReference>();
        var problems = errors.Count;
        // ArtifactName is a reference for a registry or daemon scan, and a path for `trivy image --input x.tar`.
        if (ImageReference.TryParse(report.ArtifactName, out var artifact, out _))
        {
            images.Add(artifact);
        }

        void Add(List<string?>? references, string field)
        {
            for (var i = 0; i < (references?.Count ?? 0); i++)
            {
                if (ImageReference.TryParse(references![i], out var reference, out var why))
                {
                    images.Add(reference);
                }
                else
                {
                    errors.Add(new ManifestError(file, null, $"Metadata.{field}[{i}]: {why}"));
                }
            }
        }

        Add(report.Metadata?.RepoTags, "RepoTags");
        Add(report.Metadata?.RepoDigests, "RepoDigests");
        if (errors.Count > problems)
        {
            return null;
        }

        if (images.Count == 0)
        {
            errors.Add(new ManifestError(file, null,
                $"names no image: ArtifactName '{report.ArtifactName}' is not an image reference and Metadata has no RepoTags or RepoDigests"));
            return null;
        }

        return images;
    }

    private static List<ImageVulnerability>? Vulnerabilities(TrivyReport report, string file, List<ManifestError> errors)
    {
        var found = new List<ImageVulnerability>();
        var problems = errors.Count;
        var results = report.Results ?? [];
        for (var r = 0; r < results.Count; r++)
        {
            var list = results[r]?.Vulnerabilities ?? [];
            for (var v = 0; v < list.Count; v++)
            {
                var item = list[v];
                if (item is null || string.IsNullOrWhiteSpace(item.VulnerabilityId) || string.IsNullOrWhiteSpace(item.Severity))
                {
                    errors.Add(new ManifestError(file, null, $"Results[{r}].Vulnerabilities[{v}] needs a VulnerabilityID and a Severity"));
                    continue;
                }

                found.Add(new ImageVulnerability(item.VulnerabilityId, item.Severity, item.PkgName ?? "", item.InstalledVersion ?? "", item.FixedVersion));
            }
        }

        return errors.Count > problems ? null : found;
    }

    private static SourcePosition? Position(JsonException e) =>
        e.LineNumber is { } line ? new SourcePosition((int)line + 1, (int)(e.BytePositionInLine ?? 0) + 1) : null;

    // System.Text.Json appends " Path: $.x | LineNumber: 3 | BytePositionInLine: 4." which the error already shows.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
