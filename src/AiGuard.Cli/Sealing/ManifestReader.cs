using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AiGuard.Cli.Sealing;

/// <summary>
/// ManifestReader turns YAML text into one <see cref="ManifestNode"/> tree per document, from the YamlDotNet
/// parser's events and their positions, without resolving tags or aliases.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads every document; empty documents give null roots.</summary>
    /// <exception cref="YamlException">The text is not valid YAML (the exception's Start mark says where).</exception>
    public static IReadOnlyList<ManifestNode?> Read(string text)
    {
        var parser = new Parser(new StringReader(text));
        var documents = new List<ManifestNode?>();
        var reached = Mark.Empty;
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                reached = start.End;
                documents.Add(parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser));
                reached = parser.Consume<DocumentEnd>().End;
            }

            parser.Consume<StreamEnd>();
            return documents;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            // Some malformed input makes YamlDotNet's scanner fail without a position; report the last good document.
            throw new YamlException(reached, reached, $"the YAML parser stopped in the document after this point ({e.Message})", e);
        }
    }

    private static ManifestNode ReadNode(IParser parser)
    {
        var current = parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
        parser.MoveNext();
        switch (current)
        {
            case Scalar scalar:
                return new ManifestNode(ManifestNodeKind.Scalar, Index(scalar.Start), Index(scalar.End), Line(scalar.Start), Column(scalar.Start),
                    scalar.Style is ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted, scalar.Value, []);
            case AnchorAlias alias:
                return new ManifestNode(ManifestNodeKind.Alias, Index(alias.Start), Index(alias.End), Line(alias.Start), Column(alias.Start), true, null, []);
            case MappingStart mapping:
                return Collection<MappingEnd>(parser, ManifestNodeKind.Mapping, mapping, mapping.Style == MappingStyle.Flow);
            case SequenceStart sequence:
                return Collection<SequenceEnd>(parser, ManifestNodeKind.Sequence, sequence, sequence.Style == SequenceStyle.Flow);
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private static ManifestNode Collection<TEnd>(IParser parser, ManifestNodeKind kind, ParsingEvent start, bool flow)
        where TEnd : ParsingEvent
    {
        var children = new List<ManifestNode>();
        while (!parser.Accept<TEnd>(out _))
        {
            children.Add(ReadNode(parser));
        }

        var end = parser.Consume<TEnd>();
        // A block collection's end event sits wherever the next token is (possibly past comments and blank lines);
        // its content really ends with its last child.
        var contentEnd = flow || children.Count == 0 ? Index(end.End) : children[^1].End;
        return new ManifestNode(kind, Index(start.Start), contentEnd, Line(start.Start), Column(start.Start), flow, null, children);
    }

    private static int Index(Mark mark) => checked((int)mark.Index);

    private static int Line(Mark mark) => checked((int)mark.Line);

    private static int Column(Mark mark) => checked((int)mark.Column);
}
