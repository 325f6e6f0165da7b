namespace AiGuard.Cli.Audit.Yaml;

/// <summary>
/// YamlChunks cuts a YAML stream into runs of whole documents that can be parsed independently (and so in parallel).
/// A cut is made only before a line that is exactly <c>---</c> or starts with <c>--- </c>: at column 0 the scanner
/// takes that as a document start in every context (a block scalar's content is indented at least one column, and a
/// quoted or flow scalar that spans it is an error), so each part reads as the same documents with the same lines.
/// Where that fails (a directive such as <c>%YAML</c> left at the end of a part, or an error that the next part's
/// absence changes), the part itself fails and the caller re-reads the stream in place from that part's start. A
/// stream with any line break other than <c>\n</c> is not cut, so that counting lines stays exactly the parser's.
/// </summary>
public static class YamlChunks
{
    /// <summary>
    /// The parts of <paramref name="text"/> (already stripped of byte-order marks), each at least
    /// <paramref name="targetChars"/> long except the last; one part when the text cannot or need not be cut.
    /// </summary>
    public static IReadOnlyList<YamlChunk> Split(string text, int targetChars)
    {
        if (text.Length <= targetChars || text.AsSpan().IndexOfAny("\r\u0085\u2028\u2029") >= 0)
        {
            return [new YamlChunk(0, text.Length, 0)];
        }
        var chunks = new List<YamlChunk>();
        var start = 0;
        var startLine = 0;
        var searchFrom = targetChars;
        while (searchFrom < text.Length)
        {
            var cut = NextDocumentStart(text, searchFrom);
            if (cut < 0)
            {
                break;
            }
            var lines = text.AsSpan(start, cut - start).Count('\n');
            chunks.Add(new YamlChunk(start, cut - start, startLine));
            startLine += lines;
            start = cut;
            searchFrom = cut + targetChars;
        }
        chunks.Add(new YamlChunk(start, text.Length - start, startLine));
        return chunks;
    }

    /// <summary>The index of the first line at or after <paramref name="from"/> that starts a document, or -1.</summary>
    private static int NextDocumentStart(string text, int from)
    {
        var at = from;
        while (true)
        {
            var found = text.IndexOf("\n---", at, StringComparison.Ordinal);
            if (found < 0)
            {
                return -1;
            }
            var after = found + 4;
            if (after == text.Length || text[after] is ' ' or '\n')
            {
                return found + 1;
            }
            at = after;
        }
    }
}
