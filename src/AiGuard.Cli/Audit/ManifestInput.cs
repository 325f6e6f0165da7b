using System.Text;

namespace AiGuard.Cli.Audit;

/// <summary>
/// ManifestInput is the content of one input file; <see cref="DisplayPath"/> is how reports name it (relative, with
/// '/'). A file in plain UTF-8 (see <see cref="PlainUtf8"/>) is kept as its bytes, half the size of the decoded text,
/// and decoded one part at a time as it is parsed; a large plain UTF-8 file is not kept at all but read again one part
/// at a time (<see cref="Parts"/>); anything else is kept as text, decoded as a StreamReader would.
/// </summary>
public sealed class ManifestInput
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly byte[]? _bytes;
    private readonly string? _text;
    private readonly FileParts? _parts;

    public ManifestInput(string displayPath, string text)
    {
        DisplayPath = displayPath;
        _text = text;
    }

    private ManifestInput(string displayPath, byte[] plainUtf8)
    {
        DisplayPath = displayPath;
        _bytes = plainUtf8;
    }

    /// <summary>An input read from its file one part at a time as it is parsed (<see cref="FileParts"/>).</summary>
    public ManifestInput(string displayPath, FileParts parts)
    {
        DisplayPath = displayPath;
        _parts = parts;
    }

    /// <summary>How standard input is named in messages and reports.</summary>
    public const string StdinName = "<stdin>";

    public string DisplayPath { get; }

    /// <summary>
    /// The whole text; decoded anew on each use when the input is kept as bytes (whose parts are decoded on their own),
    /// read from the file and checked when it is kept as <see cref="Parts"/>.
    /// </summary>
    public string Text => _text ?? (_parts is { } parts ? parts.Read(0, checked((int)(parts.Chunks[^1].Start + parts.Chunks[^1].Length))) : Utf8.GetString(_bytes!));

    /// <summary>The parts of an input read from its file as it is parsed; null for an input held in memory.</summary>
    public FileParts? Parts => _parts;

    /// <summary>
    /// The input's UTF-8 bytes when it is plain: no byte-order mark (but an initial UTF-8 one, already dropped) and no
    /// line break but <c>\n</c>, so that its lines and document starts can be found in the bytes exactly as in the
    /// text; null for any other input, which is read from <see cref="Text"/>.
    /// </summary>
    public byte[]? PlainUtf8 => _bytes;

    /// <summary>The input for a file's <paramref name="bytes"/>, decoded exactly as <see cref="StreamReader"/> would.</summary>
    public static ManifestInput FromBytes(string displayPath, byte[] bytes)
    {
        var body = bytes.AsSpan();
        if (body.StartsWith(Utf8.Preamble))
        {
            body = body[Utf8.Preamble.Length..];
        }
        if (IsPlain(body) && !LooksLikeOtherUnicode(bytes))
        {
            return new ManifestInput(displayPath, body.Length == bytes.Length ? bytes : body.ToArray());
        }
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), Utf8, detectEncodingFromByteOrderMarks: true);
        return new ManifestInput(displayPath, reader.ReadToEnd());
    }

    /// <summary>No '\r', NEL (C2 85), LS or PS (E2 80 A8/A9) line break and no byte-order mark (EF BB BF).</summary>
    private static bool IsPlain(ReadOnlySpan<byte> body) =>
        !body.Contains((byte)'\r') && body.IndexOf("\u0085"u8) < 0 && body.IndexOf("\u2028"u8) < 0 && body.IndexOf("\u2029"u8) < 0
        && body.IndexOf("\uFEFF"u8) < 0;

    /// <summary>A UTF-16 or UTF-32 byte-order mark, which StreamReader would decode by.</summary>
    private static bool LooksLikeOtherUnicode(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
}
