using System.Text.RegularExpressions;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// A Markdown file as GitHub renders it, for link checks: its headings' anchors (GitHub's slug rules) and its links
/// outside code, each with its line number so a failure names file:line.
/// </summary>
internal sealed partial class MarkdownFile
{
    private MarkdownFile(string path, IReadOnlyList<string> lines)
    {
        Path = path;
        Lines = lines;
        var prose = Prose(lines).ToList();
        Anchors = SlugsOf(prose.Select(l => Heading().Match(l.Text)).Where(m => m.Success).Select(m => m.Groups[1].Value));
        Links = [.. prose.SelectMany(l => LinksIn(l.Text).Select(target => (l.Number, target)))];
    }

    public string Path { get; }

    public IReadOnlyList<string> Lines { get; }

    /// <summary>Every heading's anchor, with GitHub's <c>-1</c>, <c>-2</c> suffixes for repeated headings.</summary>
    public IReadOnlySet<string> Anchors { get; }

    /// <summary>Inline (<c>[text](target)</c>, images too) and reference (<c>[label]: target</c>) link targets.</summary>
    public IReadOnlyList<(int Line, string Target)> Links { get; }

    public static MarkdownFile Read(string path) => new(System.IO.Path.GetFullPath(path), File.ReadAllLines(path));

    /// <summary>GitHub's heading anchor: lower case, punctuation except - and _ dropped, each space a hyphen.</summary>
    public static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading.Trim(), "$1").Replace("`", "", StringComparison.Ordinal).ToLowerInvariant();
        return new string([.. text.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ')]).Replace(' ', '-');
    }

    private static HashSet<string> SlugsOf(IEnumerable<string> headings)
    {
        var seen = new Dictionary<string, int>();
        var anchors = new HashSet<string>();
        foreach (var slug in headings.Select(Slug))
        {
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    /// <summary>The lines outside fenced code blocks, with inline code removed, numbered from 1.</summary>
    private static IEnumerable<(int Number, string Text)> Prose(IReadOnlyList<string> lines)
    {
        string? fence = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                continue;
            }

            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                continue;
            }

            yield return (i + 1, InlineCode().Replace(lines[i], ""));
        }
    }

    private static IEnumerable<string> LinksIn(string line) =>
        InlineTarget().Matches(line).Select(m => m.Groups[1].Value)
            .Concat(ReferenceTarget().Matches(line).Select(m => m.Groups[1].Value));

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineTarget();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s|$)")]
    private static partial Regex ReferenceTarget();
}
