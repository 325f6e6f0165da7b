using AiGuard.Testing;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// Every relative link in the project's Markdown reaches an existing file, and every <c>#anchor</c> an existing
/// heading of its target (GitHub's slug rules), so a renamed file or heading cannot leave a reader at a dead end.
/// </summary>
public sealed class DocumentationLinksTests
{
    private static readonly string Root = RepositoryRoot.Path;

    public static TheoryData<string> Documents()
    {
        var files = new TheoryData<string>();
        foreach (var doc in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(Root, doc));
        }

        foreach (var doc in new[] { "README.md", "SECURITY.md", "CONTRIBUTING.md", "CHANGELOG.md", "charts/aiguard-operator/README.md" })
        {
            files.Add(doc);
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_resolves_to_a_file_and_heading(string document)
    {
        var file = MarkdownFile.Read(Path.Combine(Root, document));

        var broken = file.Links.Where(l => IsRelative(l.Target)).Select(l => Problem(file, l.Target) is { } problem ? $"{document}:{l.Line}: {l.Target}: {problem}" : null)
            .OfType<string>().ToList();

        Assert.True(broken.Count == 0, "broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void The_checker_finds_a_missing_file_a_missing_heading_and_a_link_outside_the_repository()
    {
        var directory = Directory.CreateTempSubdirectory("aiguard-links-");
        try
        {
            var page = Path.Combine(directory.FullName, "page.md");
            File.WriteAllLines(page, ["# Page", "## Install: Helm & kustomize", "## Install: Helm & kustomize", "text `[code](nowhere.md)`", "```", "[fenced](nowhere.md)", "```"]);
            var file = MarkdownFile.Read(page);

            Assert.Equal(["install-helm--kustomize", "install-helm--kustomize-1", "page"], file.Anchors.Order(StringComparer.Ordinal));
            Assert.Empty(file.Links);
            Assert.Null(Problem(file, "#install-helm--kustomize-1"));
            Assert.NotNull(Problem(file, "#install"));
            Assert.NotNull(Problem(file, "missing.md"));
            Assert.NotNull(Problem(file, "page.md#nothing"));
            Assert.Null(Problem(file, "page.md#page"));
            Assert.NotNull(Problem(file, "../../../../../../etc/passwd"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static bool IsRelative(string target) =>
        !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal);

    /// <summary>Why <paramref name="target"/>, linked from <paramref name="from"/>, does not resolve; null when it does.</summary>
    private static string? Problem(MarkdownFile from, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = path.Length == 0 ? from.Path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from.Path)!, path));
        var repository = Path.GetFullPath(from.Path.StartsWith(Root, StringComparison.Ordinal) ? Root : Path.GetDirectoryName(from.Path)!);
        if (!resolved.StartsWith(repository, StringComparison.Ordinal))
        {
            return "points outside the repository";
        }

        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "no such file";
        }

        if (anchor is null || !resolved.EndsWith(".md", StringComparison.Ordinal))
        {
            return null;
        }

        var anchors = resolved == from.Path ? from.Anchors : MarkdownFile.Read(resolved).Anchors;
        return anchors.Contains(anchor) ? null : $"no heading with anchor #{anchor}";
    }
}
