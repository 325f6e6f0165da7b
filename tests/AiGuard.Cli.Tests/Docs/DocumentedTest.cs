using System.Text.RegularExpressions;

namespace AiGuard.Cli.Tests.Docs;

/// <summary>
/// DocumentedTest is one test a document names as evidence for a claim, written as
/// <c>`tests/&lt;Project&gt;/&lt;path&gt;.cs: Class.Method`</c>. A claim is only as good as its test, so the reference is
/// checked against the source: the file exists under tests/, declares the class, and declares the method as an xunit
/// test (a Fact or Theory attribute, ToolFact and the like included), not a helper of the same name.
/// </summary>
internal sealed partial record DocumentedTest(int Line, string File, string Class, string Method)
{
    /// <summary>Every backticked span that starts with <c>tests/</c> and holds <c>.cs:</c> claims to be a reference.</summary>
    [GeneratedRegex(@"`(tests/[^`]*\.cs:[^`]*)`")]
    private static partial Regex Candidate();

    [GeneratedRegex(@"^(tests/[A-Za-z0-9_.\-/]+\.cs): ([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex Reference();

    /// <summary>
    /// The references in <paramref name="markdown"/>, with its 1-based line numbers; a span that looks like a reference
    /// but is not one in the exact form lands in <paramref name="malformed"/> as <c>line: text</c>, so a typo is an error
    /// rather than a claim nobody checks.
    /// </summary>
    public static IReadOnlyList<DocumentedTest> FindAll(string markdown, List<string> malformed)
    {
        var found = new List<DocumentedTest>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match candidate in Candidate().Matches(lines[i]))
            {
                var text = candidate.Groups[1].Value;
                var reference = Reference().Match(text);
                if (reference.Success)
                {
                    found.Add(new DocumentedTest(i + 1, reference.Groups[1].Value, reference.Groups[2].Value, reference.Groups[3].Value));
                }
                else
                {
                    malformed.Add($"{i + 1}: {text}");
                }
            }
        }

        return found;
    }

    /// <summary>What is wrong with this reference in the checkout at <paramref name="repositoryRoot"/>, or null.</summary>
    public string? Problem(string repositoryRoot)
    {
        var testsRoot = Path.GetFullPath(Path.Combine(repositoryRoot, "tests")) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(repositoryRoot, File));
        if (!path.StartsWith(testsRoot, StringComparison.Ordinal))
        {
            return $"{File} is not under tests/";
        }

        if (!System.IO.File.Exists(path))
        {
            return $"{File} does not exist";
        }

        var source = System.IO.File.ReadAllText(path);
        if (!Regex.IsMatch(source, $@"\b(class|record)\s+{Regex.Escape(Class)}\b"))
        {
            return $"{File} declares no class {Class}";
        }

        var declaration = Regex.Match(source, $@"\bpublic\s+(async\s+)?(Task|ValueTask|void)\s+{Regex.Escape(Method)}\s*\(");
        if (!declaration.Success)
        {
            return $"{File} declares no public test method {Class}.{Method}";
        }

        // The attributes of a member sit between the previous member's access modifier and its own declaration.
        var before = source[..declaration.Index];
        var previousMember = Regex.Matches(before, @"\b(public|private|internal|protected)\b").LastOrDefault()?.Index ?? 0;
        return Regex.IsMatch(before[previousMember..], @"\[\s*\w*(Fact|Theory)\b")
            ? null
            : $"{File}: {Class}.{Method} is not a test (no Fact or Theory attribute)";
    }
}
