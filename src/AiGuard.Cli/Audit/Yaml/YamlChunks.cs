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
    public static IReadOnlyList<YamlChunk> Split(string text, int targetChars) =>
        text.AsSpan().IndexOfAny("\r\u0085\u2028\u2029") >= 0
            ? [new YamlChunk(0, text.Length, 0)]
            : Split(text.AsSpan(), targetChars, '\n', ' ', "\n---");

    /// <summary>
    /// The parts of an input kept as plain UTF-8 (<see cref="ManifestInput.PlainUtf8"/>: no byte-order mark, no line
    /// break but <c>\n</c>), as byte ranges, each at least <paramref name="targetBytes"/> long except the last. Every
    /// cut is before an ASCII <c>---</c> at the start of a line, so it never splits a character.
    /// </summary>
    public static IReadOnlyList<YamlChunk> Split(ReadOnlySpan<byte> plainUtf8, int targetBytes) =>
        Split(plainUtf8, targetBytes, (byte)'\n', (byte)' ', "\n---"u8);

    private static List<YamlChunk> Split<T>(ReadOnlySpan<T> text, int target, T newline, T space, ReadOnlySpan<T> documentStart)
        where T : IEquatable<T>
    {
        if (text.Length <= target)
        {
            return [new YamlChunk(0, text.Length, 0)];
        }
        var chunks = new List<YamlChunk>();
        var start = 0;
        var startLine = 0;
        var searchFrom = target;
        while (searchFrom < text.Length)
        {
            var cut = NextDocumentStart(text, searchFrom, newline, space, documentStart);
            if (cut < 0)
            {
                break;
            }
            var lines = text[start..cut].Count(newline);
            chunks.Add(new YamlChunk(start, cut - start, startLine));
            startLine += lines;
            start = cut;
            searchFrom = cut + target;
        }
        chunks.Add(new YamlChunk(start, text.Length - start, startLine));
        return chunks;
    }

    /// <summary>The index of the first line at or after <paramref name="from"/> that starts a document, or -1.</summary>
    private static int NextDocumentStart<T>(ReadOnlySpan<T> text, int from, T newline, T space, ReadOnlySpan<T> documentStart)
        where T : IEquatable<T>
    {
        var at = from;
        while (true)
        {
            var relative = text[at..].IndexOf(documentStart);
            if (relative < 0)
            {
                return -1;
            }
            var found = at + relative;
            var after = found + documentStart.Length;
            if (after == text.Length || text[after].Equals(space) || text[after].Equals(newline))
            {
                return found + 1;
            }
            at = after;
        }
    }
}
