namespace AiGuard.Cli.Sealing;

/// <summary>ManifestEdit splices text into a manifest at line boundaries, in the file's own line-break style.</summary>
internal sealed class ManifestEdit(string text, string file)
{
    public string Newline { get; } = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    /// <summary>Index just past the line break of the line holding <paramref name="index"/> (or of the content ending there).</summary>
    public int LineEndAfter(int index)
    {
        if (index > 0 && text[index - 1] == '\n')
        {
            return index;
        }

        var newline = text.IndexOf('\n', index);
        return newline < 0 ? text.Length : newline + 1;
    }

    /// <summary>The start of the line holding a block sequence item's dash, and the dash's column (0-based).</summary>
    public (int LineStart, int DashColumn) ItemStart(ManifestNode item)
    {
        var i = item.Start;
        if (i >= text.Length || text[i] != '-')
        {
            i--;
            while (i >= 0 && text[i] is ' ' or '\t' or '\r' or '\n')
            {
                i--;
            }
        }

        var lineStart = i < 0 ? 0 : text.LastIndexOf('\n', i) + 1;
        if (i < 0 || text[i] != '-' || text.AsSpan(lineStart, i - lineStart).Trim(' ').Length != 0)
        {
            throw SealException.Input($"{file}:{item.Line}: spec.secrets items are laid out in a way this edit does not handle; add the entry by hand");
        }

        return (lineStart, i - lineStart);
    }

    /// <summary>Inserts whole lines after the line where <paramref name="contentEnd"/> lies.</summary>
    public string InsertAfter(int contentEnd, string lines)
    {
        var at = LineEndAfter(contentEnd);
        var gap = at == text.Length && text.Length > 0 && text[^1] != '\n' ? Newline : "";
        return string.Concat(text.AsSpan(0, at), gap, lines, text.AsSpan(at));
    }

    /// <summary>Replaces from <paramref name="start"/> to the end of its line (inclusive of the break).</summary>
    public string ReplaceToLineEnd(int start, string replacement) => Replace(start, LineEndAfter(start), replacement);

    public string Replace(int start, int end, string replacement) =>
        string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
}
