using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AiGuard.Cli.Audit.Yaml;

/// <summary>
/// YamlDocumentReader turns a YAML stream into positioned node trees, one per document. It works on the parser's
/// event stream (not the representation model) so that it can reject duplicate keys, non-scalar keys, unknown
/// aliases and absurd nesting with the position of the offending node, without recursion.
/// </summary>
public static partial class YamlDocumentReader
{
    /// <summary>Deeper nesting than this is rejected: no Kubernetes object needs it and it protects the stack.</summary>
    public const int MaximumDepth = 128;

    /// <summary>
    /// Reads every document of <paramref name="text"/>; throws <see cref="YamlSyntaxException"/> on malformed input.
    /// Messages never quote the input (it may be a Secret): they name the position and what was expected.
    /// </summary>
    public static IReadOnlyList<YamlDocument> Read(string text)
    {
        var documents = new List<YamlDocument>();
        Read(text, documents.Add);
        return documents;
    }

    /// <summary>
    /// Reads <paramref name="text"/> one document at a time: <paramref name="onDocument"/> gets each as soon as it is
    /// complete (and outside the parser's error handling, so its own exceptions pass through unchanged), so a caller
    /// can process and drop it before the next is built. Throws <see cref="YamlSyntaxException"/> at the first
    /// malformed document, after the documents before it were handed over.
    /// </summary>
    public static void Read(string text, Action<YamlDocument> onDocument) => ReadWithoutMarks(WithoutByteOrderMarks(text), 0, onDocument);

    /// <summary>
    /// <paramref name="text"/> without the byte-order marks at the start of its lines (see <see cref="ByteOrderMarks"/>);
    /// the text itself when it has none, as nearly every input, since the replacement copies it.
    /// </summary>
    public static string WithoutByteOrderMarks(string text) =>
        text.Contains('\uFEFF', StringComparison.Ordinal) ? ByteOrderMarks().Replace(text, "") : text;

    /// <summary>
    /// Reads a part of a stream already stripped of byte-order marks that starts at a document boundary
    /// (<see cref="YamlChunks"/>), as <see cref="Read(string, Action{YamlDocument})"/> would read it in place:
    /// every line, in positions and messages alike, is counted from <paramref name="lineOffset"/> lines before it.
    /// </summary>
    public static void ReadWithoutMarks(string text, int lineOffset, Action<YamlDocument> onDocument)
    {
        var parser = new Parser(new StringReader(text));
        SourcePosition At(Mark mark) => new(Math.Max(1, (int)mark.Line) + lineOffset, Math.Max(1, (int)mark.Column));
        var anchors = new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
        var open = new Stack<OpenNode>();
        ManifestNode? root = null;
        var documentStart = new SourcePosition(1 + lineOffset, 1);
        var lastGood = new SourcePosition(1 + lineOffset, 1);
        while (true)
        {
            YamlDocument? completed = null;
            try
            {
                if (!parser.MoveNext())
                {
                    break;
                }
                lastGood = At(parser.Current!.End);
                switch (parser.Current)
                {
                    case DocumentStart start:
                        anchors.Clear();
                        root = null;
                        documentStart = At(start.Start);
                        break;
                    case DocumentEnd:
                        completed = new YamlDocument(IsEmpty(root) ? null : root, documentStart);
                        break;
                    case Scalar scalar:
                        var node = new ScalarNode(At(scalar.Start), scalar.Value, TagOf(scalar.Tag), scalar.Style == ScalarStyle.Plain);
                        Remember(anchors, scalar.Anchor, node);
                        Attach(open, node, ref root);
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            throw new YamlSyntaxException(At(alias.Start), "alias to an anchor not defined before it in this document");
                        }
                        Attach(open, target, ref root);
                        break;
                    case SequenceStart sequenceStart:
                        var sequence = new SequenceNode(At(sequenceStart.Start));
                        Attach(open, sequence, ref root);
                        Push(open, new OpenNode(sequence, sequenceStart.Anchor));
                        break;
                    case MappingStart mappingStart:
                        var mapping = new MappingNode(At(mappingStart.Start));
                        Attach(open, mapping, ref root);
                        Push(open, new OpenNode(mapping, mappingStart.Anchor));
                        break;
                    case SequenceEnd or MappingEnd:
                        var closed = open.Pop();
                        // An anchor names the node only once it is complete, so a node cannot alias itself.
                        Remember(anchors, closed.Anchor, closed.Node);
                        break;
                }
            }
            catch (YamlException e)
            {
                throw new YamlSyntaxException(At(e.Start), Describe(e), e);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
            {
                // YamlDotNet's scanner fails this way on some malformed input instead of raising a YamlException.
                throw new YamlSyntaxException(lastGood, "invalid YAML after this point (an unclosed '[', '{' or quote?)", e);
            }
            if (completed is not null)
            {
                onDocument(completed);
            }
        }
    }

    private static void Push(Stack<OpenNode> open, OpenNode node)
    {
        if (open.Count >= MaximumDepth)
        {
            throw new YamlSyntaxException(node.Node.Start, $"nesting deeper than {MaximumDepth} levels");
        }
        open.Push(node);
    }

    private static void Attach(Stack<OpenNode> open, ManifestNode node, ref ManifestNode? root)
    {
        if (open.Count == 0)
        {
            root = node;
            return;
        }
        var parent = open.Peek();
        switch (parent.Node)
        {
            case SequenceNode sequence:
                sequence.Items.Add(node);
                break;
            case MappingNode mapping when parent.PendingKey is null:
                if (node is not ScalarNode key)
                {
                    throw new YamlSyntaxException(node.Start, "mapping keys must be plain strings, not a list or a map");
                }
                if (parent.FirstLineOf(mapping, key.Value) is { } first)
                {
                    throw new YamlSyntaxException(key.Start, $"duplicate key \"{key.Value}\" (first at line {first})");
                }
                parent.PendingKey = key;
                break;
            case MappingNode mapping:
                mapping.Entries.Add(new(parent.PendingKey!, node));
                parent.Added(parent.PendingKey!);
                parent.PendingKey = null;
                break;
        }
    }

    private static void Remember(Dictionary<string, ManifestNode> anchors, AnchorName anchor, ManifestNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static bool IsEmpty(ManifestNode? root) =>
        root is null || (root is ScalarNode { Plain: true, Tag: null } scalar && scalar.Value.Length == 0);

    private static string? TagOf(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

    // YamlDotNet sometimes prefixes its message with "(Line: 2, Col: 1, Idx: 5) - (Line: ...): "; the caller prints
    // the position itself, and messages read better starting lower case like every other error of the tool. A quoted
    // fragment that is not YAML punctuation (an indicator such as ']' is fine) could be input text, so it is dropped.
    private static string Describe(YamlException e)
    {
        var message = Quoted().Replace(LocationPrefix().Replace(e.Message, ""),
            quoted => quoted.Value.Any(char.IsLetterOrDigit) ? "(input not shown)" : quoted.Value).Trim();
        if (message.Length == 0)
        {
            return "invalid YAML";
        }
        return "invalid YAML: " + char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.');
    }

    /// <summary>
    /// Byte-order marks at the start of any line: kubectl's YAML reader skips a BOM at the start of the stream and of
    /// each document (and, through several layers, more than one), so any number is dropped here rather than letting
    /// a ModelDeployment behind two BOMs parse as something else and be skipped. Columns on such a line shift by the
    /// number of marks removed.
    /// </summary>
    [GeneratedRegex("^\uFEFF+", RegexOptions.Multiline)]
    private static partial Regex ByteOrderMarks();

    [GeneratedRegex(@"'[^']*'|""[^""]*""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();

    private sealed class OpenNode(ManifestNode node, AnchorName anchor)
    {
        public ManifestNode Node { get; } = node;
        public AnchorName Anchor { get; } = anchor;
        public ScalarNode? PendingKey { get; set; }

        /// <summary>Keys of a large mapping with their lines; small ones (nearly all) are searched instead of indexed.</summary>
        private Dictionary<string, int>? _keys;

        /// <summary>The line of an earlier <paramref name="key"/> of <paramref name="mapping"/>, or null (then it is recorded).</summary>
        public int? FirstLineOf(MappingNode mapping, string key)
        {
            const int IndexFrom = 16;
            if (_keys is null && mapping.Entries.Count < IndexFrom)
            {
                foreach (var entry in mapping.Entries)
                {
                    if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                    {
                        return entry.Key.Start.Line;
                    }
                }
                return null;
            }
            if (_keys is null)
            {
                // Built once at the threshold, so an adversarial mapping with many keys costs linear time, not quadratic.
                _keys = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var entry in mapping.Entries)
                {
                    _keys.TryAdd(entry.Key.Value, entry.Key.Start.Line);
                }
            }
            return _keys.TryGetValue(key, out var line) ? line : null;
        }

        /// <summary>Records a key once it has its value (entries of a large mapping are indexed here too).</summary>
        public void Added(ScalarNode key) => _keys?.TryAdd(key.Value, key.Start.Line);
    }
}
