using System.Text;

namespace AiGuard.Cli.Audit.Formats;

/// <summary>
/// WordWrap breaks text into lines of at most a given width at spaces; a longer word is cut. Each paragraph (a line
/// of the text) starts a new line, and an empty paragraph gives an empty line. The table report wraps two texts per
/// finding, so this builds each line once instead of a string per word tried.
/// </summary>
public static class WordWrap
{
    public static IReadOnlyList<string> Lines(string text, int width)
    {
        width = Math.Max(10, width);
        var lines = new List<string>();
        var line = new StringBuilder(width);
        var paragraphs = text.ReplaceLineEndings("\n").AsSpan();
        foreach (var paragraph in paragraphs.Split('\n'))
        {
            foreach (var range in paragraphs[paragraph].Split(' '))
            {
                var rest = paragraphs[paragraph][range];
                while (rest.Length > 0)
                {
                    var candidate = line.Length == 0 ? rest.Length : line.Length + 1 + rest.Length;
                    if (candidate <= width)
                    {
                        if (line.Length > 0)
                        {
                            line.Append(' ');
                        }
                        line.Append(rest);
                        rest = [];
                    }
                    else if (line.Length > 0)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                    }
                    else
                    {
                        lines.Add(rest[..width].ToString());
                        rest = rest[width..];
                    }
                }
            }
            lines.Add(line.ToString());
            line.Clear();
        }
        return lines;
    }
}
