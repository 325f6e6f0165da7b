namespace AiGuard.Cli.Audit;

/// <summary>
/// ContextMarkers tells, from the raw text alone, the last line at which a document could define evaluation context
/// (a GuardPolicy, GuardException or Namespace). Any such document spells its kind in the text, or builds it from
/// an escape (a backslash) or from an alias to an anchor of the same document; so a ModelDeployment whose document
/// starts after that line, in the last input that has any, sees the final policies, exceptions and namespace
/// labels and can be evaluated as soon as it is read. The estimate only errs late: every line-break character counts.
/// </summary>
public static class ContextMarkers
{
    private static readonly string[] Markers = ["GuardPolicy", "GuardException", "Namespace", "\\"];

    /// <summary>The 1-based line of the last marker in <paramref name="text"/> (an upper bound), or 0 when there is none.</summary>
    public static int LastLine(string text)
    {
        var last = -1;
        foreach (var marker in Markers)
        {
            last = Math.Max(last, text.LastIndexOf(marker, StringComparison.Ordinal));
        }
        if (last < 0)
        {
            return 0;
        }
        var breaks = text.AsSpan(0, last).Count('\n') + text.AsSpan(0, last).Count('\r');
        foreach (var separator in "\u0085\u2028\u2029")
        {
            breaks += text.AsSpan(0, last).Count(separator);
        }
        return breaks + 1;
    }

    /// <summary>
    /// <see cref="LastLine(string)"/> of an input kept as plain UTF-8 (<see cref="ManifestInput.PlainUtf8"/>), whose
    /// only line break is <c>\n</c>; the markers are ASCII, so they are found in the bytes as in the text.
    /// </summary>
    public static int LastLine(ReadOnlySpan<byte> plainUtf8)
    {
        var last = Math.Max(Math.Max(plainUtf8.LastIndexOf("GuardPolicy"u8), plainUtf8.LastIndexOf("GuardException"u8)),
            Math.Max(plainUtf8.LastIndexOf("Namespace"u8), plainUtf8.LastIndexOf((byte)'\\')));
        return last < 0 ? 0 : plainUtf8[..last].Count((byte)'\n') + 1;
    }

    /// <summary>
    /// The last line of <paramref name="input"/> that could define context, read from its bytes when it is kept as
    /// bytes, as its file's scan found it when it is read in parts (<see cref="FileParts"/>).
    /// </summary>
    public static int LastLine(ManifestInput input) =>
        input.Parts is { } parts ? parts.LastContextLine : input.PlainUtf8 is { } bytes ? LastLine(bytes.AsSpan()) : LastLine(input.Text);
}
