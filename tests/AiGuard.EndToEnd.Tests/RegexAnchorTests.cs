using System.Text.RegularExpressions;
using AiGuard.Testing;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The API server's regular expressions are Go's, whose <c>$</c> is the end of the text; .NET's <c>$</c> also matches
/// before a final newline, so a validating pattern that ends in <c>$</c> lets <c>"db\n"</c> through (it once did in
/// the sandbox's names and label values and in the engine's digest checks). Patterns in our sources end in <c>\z</c>.
/// </summary>
public sealed partial class RegexAnchorTests
{
    [Fact]
    public void No_pattern_in_the_sources_ends_with_a_dollar()
    {
        var offenders = Directory.EnumerateFiles(RepositoryRoot.Combine("src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(entry => PatternEndingInDollar().IsMatch(entry.line))
            .Select(entry => $"{Path.GetRelativePath(RepositoryRoot.Path, entry.file)}:{entry.index + 1}: {entry.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "end these patterns with \\z instead of $:\n" + string.Join('\n', offenders));
    }

    // A [GeneratedRegex("...$" or new Regex("...$" whose pattern string ends in an unescaped $.
    [GeneratedRegex(@"(GeneratedRegex|new Regex|Regex\.IsMatch\([^,]+,)\s*\(?@?""([^""\\]|\\.)*(?<!\\)\$""")]
    private static partial Regex PatternEndingInDollar();
}
