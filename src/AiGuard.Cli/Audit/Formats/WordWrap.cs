namespace AiGuard.Cli.Audit.Formats;

/// <summary>WordWrap breaks text into lines of at most a given width at spaces; a longer word is cut.</summary>
public static class WordWrap
{
    public static IReadOnlyList<string> Lines(string text, int width)
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
