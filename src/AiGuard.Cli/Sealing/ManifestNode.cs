namespace AiGuard.Cli.Sealing;

/// <summary>
/// ManifestNode is a YAML node with where it sits in the text, enough to edit one part of a manifest and leave
/// every other byte alone. <see cref="End"/> is where its content ends (for a block collection: where its last
/// child ends, not where the parser closed it, which may be after comments).
/// </summary>
/// <param name="Kind">Scalar, mapping, sequence or alias.</param>
/// <param name="Start">Character index of the first character.</param>
/// <param name="End">Character index just past the content.</param>
/// <param name="Line">1-based line of <see cref="Start"/>.</param>
/// <param name="Column">1-based column of <see cref="Start"/>.</param>
/// <param name="Flow">True for flow collections (<c>[..]</c>, <c>{..}</c>) and quoted or plain scalars written inline.</param>
/// <param name="Value">The scalar's value; null for collections.</param>
/// <param name="Children">Mapping: key, value, key, value...; sequence: items.</param>
public sealed record ManifestNode(ManifestNodeKind Kind, int Start, int End, int Line, int Column, bool Flow, string? Value, IReadOnlyList<ManifestNode> Children)
{
    /// <summary>The value under a scalar key of a mapping, or null.</summary>
    public ManifestNode? Get(string key) => Entry(key)?.Value;

    /// <summary>The key and value nodes of a mapping entry, or null.</summary>
    public (ManifestNode Key, ManifestNode Value)? Entry(string key)
    {
        if (Kind != ManifestNodeKind.Mapping)
        {
            return null;
        }

        for (var i = 0; i + 1 < Children.Count; i += 2)
        {
            if (Children[i].Kind == ManifestNodeKind.Scalar && Children[i].Value == key)
            {
                return (Children[i], Children[i + 1]);
            }
        }

        return null;
    }

    /// <summary>The scalar value under a key, or null when absent or not a scalar.</summary>
    public string? Text(string key) => Get(key) is { Kind: ManifestNodeKind.Scalar } node ? node.Value : null;
}
