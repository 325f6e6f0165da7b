namespace AiGuard.Cli.Audit.Yaml;

/// <summary>
/// SourceMap mirrors a converted JSON value and remembers where each part came from in the YAML, so that an error
/// reported against a JSON path (by the deserializer, the schema check or the engine) points at a line and column.
/// </summary>
public sealed class SourceMap(SourcePosition position, SourcePosition? keyPosition = null)
{
    /// <summary>Where the value starts.</summary>
    public SourcePosition Position { get; } = position;

    /// <summary>Where the key of this value starts, when the value sits in a mapping.</summary>
    public SourcePosition? KeyPosition { get; } = keyPosition;

    public Dictionary<string, SourceMap>? Properties { get; set; }

    public List<SourceMap>? Items { get; set; }

    /// <summary>
    /// The position of the value at <paramref name="path"/>, or of its nearest existing ancestor (a missing field is
    /// reported where its parent object starts). With <paramref name="atKey"/> the key's position is preferred.
    /// </summary>
    public SourcePosition Locate(FieldPath path, bool atKey = false)
    {
        var node = this;
        foreach (var segment in path.Segments)
        {
            SourceMap? next = null;
            if (segment.IsIndex)
            {
                if (node.Items is { } items && segment.Index >= 0 && segment.Index < items.Count)
                {
                    next = items[segment.Index];
                }
            }
            else
            {
                node.Properties?.TryGetValue(segment.Name!, out next);
            }
            if (next is null)
            {
                return node.Position;
            }
            node = next;
        }
        return atKey && node.KeyPosition is { } key ? key : node.Position;
    }
}
