using System.Security.Cryptography;
using System.Text;
using AiGuard.Cli.Audit.Yaml;

namespace AiGuard.Cli.Audit;

/// <summary>
/// FileParts is a large plain UTF-8 input (see <see cref="ManifestInput.PlainUtf8"/>) read from its file one part at a
/// time rather than held whole: one pass over the file, a block of whole lines at a time, finds what the loader needs
/// before parsing (that it is plain, its parts as <see cref="YamlChunks"/> cuts them, the last line that could define
/// context as <see cref="ContextMarkers"/> finds it) and a SHA-256 of each part; each part is then read again when it
/// is parsed and must match its hash and the file its length. A file that changes in between is an input error naming
/// it, never a report of some documents of one version evaluated against the context of another.
/// </summary>
public sealed class FileParts
{
    private const int BlockBytes = 64 * 1024;
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly string _path;
    private readonly string _displayPath;
    private readonly long _fileLength;
    private readonly int _bodyStart;
    private readonly byte[][] _hashes;

    private FileParts(string path, string displayPath, long fileLength, int bodyStart, List<YamlChunk> chunks, byte[][] hashes, int lastContextLine)
    {
        _path = path;
        _displayPath = displayPath;
        _fileLength = fileLength;
        _bodyStart = bodyStart;
        Chunks = chunks;
        _hashes = hashes;
        LastContextLine = lastContextLine;
    }

    /// <summary>The parts, as byte ranges of the text after any UTF-8 byte-order mark, with the lines before each.</summary>
    public IReadOnlyList<YamlChunk> Chunks { get; }

    /// <summary>What <see cref="ContextMarkers.LastLine(ReadOnlySpan{byte})"/> gives for the whole text.</summary>
    public int LastContextLine { get; }

    /// <summary>The size of the file as scanned, byte-order mark included.</summary>
    public long FileLength => _fileLength;

    /// <summary>
    /// Scans the file at <paramref name="path"/> into parts of at least <paramref name="targetBytes"/>; null when it is
    /// not plain UTF-8 (it is then read whole, as any other input) or holds more than <paramref name="limit"/> bytes.
    /// </summary>
    public static FileParts? Scan(string path, string displayPath, int targetBytes, long limit)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var scan = new Scanner(targetBytes);
        var buffer = new byte[BlockBytes];
        long position = 0;
        var carried = 0;
        var bodyStart = -1;
        while (true)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(carried), position);
            position += read;
            var available = carried + read;
            if (position > limit)
            {
                return null;
            }
            if (bodyStart < 0)
            {
                if (available < 4 && read > 0)
                {
                    carried = available;
                    continue;
                }
                var head = buffer.AsSpan(0, available);
                if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
                    || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
                {
                    return null;
                }
                bodyStart = head.StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;
                buffer.AsSpan(bodyStart, available - bodyStart).CopyTo(buffer);
                available -= bodyStart;
            }
            // Whole lines only (all of it at the end): nothing the scan looks for spans a line break.
            var end = read == 0 ? available : buffer.AsSpan(0, available).LastIndexOf((byte)'\n') + 1;
            if (end > 0 && !scan.Add(buffer.AsSpan(0, end)))
            {
                return null;
            }
            if (read == 0)
            {
                break;
            }
            carried = available - end;
            buffer.AsSpan(end, carried).CopyTo(buffer);
            if (carried == buffer.Length)
            {
                // A line longer than the buffer: keep it whole.
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
        var (chunks, hashes) = scan.Finish();
        return new FileParts(path, displayPath, position, Math.Max(bodyStart, 0), chunks, hashes, scan.LastContextLine);
    }

    /// <summary>
    /// The text of the parts that <paramref name="start"/> and <paramref name="length"/> span, read from the file and
    /// checked against the scan; throws <see cref="ManifestLoadException"/> naming the file when it has changed.
    /// </summary>
    public string Read(int start, int length)
    {
        var bytes = new byte[length];
        using (var file = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var count = 0;
            while (count < length)
            {
                var read = RandomAccess.Read(file, bytes.AsSpan(count), _bodyStart + start + count);
                if (read == 0)
                {
                    throw Changed();
                }
                count += read;
            }
            if (RandomAccess.GetLength(file) != _fileLength)
            {
                throw Changed();
            }
        }
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        for (var i = 0; i < Chunks.Count; i++)
        {
            var chunk = Chunks[i];
            if (chunk.Start >= start && chunk.Start + chunk.Length <= start + length)
            {
                SHA256.HashData(bytes.AsSpan(chunk.Start - start, chunk.Length), hash);
                if (!hash.SequenceEqual(_hashes[i]))
                {
                    throw Changed();
                }
            }
        }
        return Utf8.GetString(bytes);
    }

    private ManifestLoadException Changed() =>
        new([new ManifestError(_displayPath, null, "the file changed while it was being audited (a part no longer matches what was first read); nothing was evaluated: audit it again once it is no longer being written")]);

    /// <summary>The scan's state across blocks of whole lines (no pattern it looks for spans a line break).</summary>
    private sealed class Scanner(int target)
    {
        private static readonly byte[][] Markers = ["GuardPolicy"u8.ToArray(), "GuardException"u8.ToArray(), "Namespace"u8.ToArray(), "\\"u8.ToArray()];
        private readonly List<YamlChunk> _chunks = [];
        private readonly List<byte[]> _hashes = [];
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private int _chunkStart;
        private int _chunkStartLine;
        private int _lines;
        private long _searchFrom = target;

        public long Position { get; private set; }

        public int LastContextLine { get; private set; }

        /// <summary>Adds a block of whole lines (the last block may end without a line break); false when the text is not plain.</summary>
        public bool Add(ReadOnlySpan<byte> block)
        {
            if (block.Contains((byte)'\r') || block.IndexOf("\u0085"u8) >= 0 || block.IndexOf("\u2028"u8) >= 0 || block.IndexOf("\u2029"u8) >= 0
                || block.IndexOf("\uFEFF"u8) >= 0 || Position + block.Length > int.MaxValue)
            {
                return false;
            }
            var last = -1;
            foreach (var marker in Markers)
            {
                last = Math.Max(last, block.LastIndexOf(marker));
            }
            if (last >= 0)
            {
                LastContextLine = _lines + block[..last].Count((byte)'\n') + 1;
            }
            var hashed = 0;
            // Every line start of the block: its first byte, when a line break precedes it, and after each '\n' in it.
            var lineStart = Position == 0 ? FirstLineBreak(block, 0) : 0;
            while (lineStart >= 0 && lineStart < block.Length)
            {
                var at = Position + lineStart;
                if (at - 1 >= _searchFrom && IsDocumentStart(block[lineStart..]))
                {
                    _hash.AppendData(block[hashed..lineStart]);
                    hashed = lineStart;
                    var cutLines = _lines + block[..lineStart].Count((byte)'\n');
                    Cut((int)at, cutLines);
                }
                lineStart = FirstLineBreak(block, lineStart);
            }
            _hash.AppendData(block[hashed..]);
            _lines += block.Count((byte)'\n');
            Position += block.Length;
            return true;
        }

        /// <summary>The parts and their hashes, the last part ending where the text does.</summary>
        public (List<YamlChunk> Chunks, byte[][] Hashes) Finish()
        {
            _chunks.Add(new YamlChunk(_chunkStart, (int)Position - _chunkStart, _chunkStartLine));
            _hashes.Add(_hash.GetHashAndReset());
            _hash.Dispose();
            return (_chunks, [.. _hashes]);
        }

        private void Cut(int at, int lines)
        {
            _chunks.Add(new YamlChunk(_chunkStart, at - _chunkStart, _chunkStartLine));
            _hashes.Add(_hash.GetHashAndReset());
            _chunkStart = at;
            _chunkStartLine = lines;
            _searchFrom = at + (long)target;
        }

        /// <summary>The index just after the next '\n' at or after <paramref name="from"/>, or -1.</summary>
        private static int FirstLineBreak(ReadOnlySpan<byte> block, int from)
        {
            var relative = block[from..].IndexOf((byte)'\n');
            return relative < 0 ? -1 : from + relative + 1;
        }

        /// <summary>A line that is <c>---</c>, or starts with <c>--- </c> or <c>---\n</c> (as <see cref="YamlChunks"/> cuts).</summary>
        private static bool IsDocumentStart(ReadOnlySpan<byte> line) =>
            line.StartsWith("---"u8) && (line.Length == 3 || line[3] == (byte)' ' || line[3] == (byte)'\n');
    }
}
