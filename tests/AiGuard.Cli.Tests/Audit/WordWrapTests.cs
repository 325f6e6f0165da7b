using AiGuard.Cli.Audit.Formats;

namespace AiGuard.Cli.Tests.Audit;

/// <summary>WordWrap's lines, which the table report prints: the same as the plain one-string-per-word wrapping it replaced.</summary>
public sealed class WordWrapTests
{
    [Theory]
    [InlineData("", 40)]
    [InlineData("one", 40)]
    [InlineData("  leading and   inner  spaces  ", 12)]
    [InlineData("averyveryverylongwordthatmustbecutintopieces and more", 10)]
    [InlineData("line one\r\nline two\n\nline four\rline five\u2028six", 15)]
    [InlineData("exactly ten", 10)]
    [InlineData("width below ten is raised to ten", 3)]
    public void Wraps_like_the_reference(string text, int width) =>
        Assert.Equal(Reference(text, width), WordWrap.Lines(text, width));

    [Fact]
    public void Wraps_random_texts_like_the_reference()
    {
        var random = new Random(11);
        const string alphabet = "ab cd  ef\ngh é😀\r\n-x";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 300)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var width = random.Next(1, 80);
            Assert.Equal(Reference(text, width), WordWrap.Lines(text, width));
        }
    }

    [Fact]
    public void No_line_is_wider_than_the_width()
    {
        var lines = WordWrap.Lines("fix: set spec.model.sha256 to the artifact's SHA-256, or pin the uri (oci://...@sha256:<64 hex>)", 30);
        Assert.All(lines, line => Assert.True(line.Length <= 30, line));
        Assert.Equal(["fix: set spec.model.sha256 to", "the artifact's SHA-256, or pin", "the uri (oci://...@sha256:<64", "hex>)"], lines);
    }

    /// <summary>The wrapping the table report used before: a new string for every word tried.</summary>
    private static List<string> Reference(string text, int width)
    {
        width = Math.Max(10, width);
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var rest = word;
                while (rest.Length > 0)
                {
                    var candidate = line.Length == 0 ? rest : line + " " + rest;
                    if (candidate.Length <= width)
                    {
                        line = candidate;
                        rest = "";
                    }
                    else if (line.Length > 0)
                    {
                        lines.Add(line);
                        line = "";
                    }
                    else
                    {
                        lines.Add(rest[..width]);
                        rest = rest[width..];
                    }
                }
            }
            lines.Add(line);
        }
        return lines;
    }
}
