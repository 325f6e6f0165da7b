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
    public SourcePosition Locate(FieldPath path, bool atKey = false) => Find(path, out var exact) is var node && exact
        ? (atKey && node.KeyPosition is { } key ? key : node.Position)
        : node.Position;

    /// <summary>
    /// Where a rule about the field at <paramref name="path"/> is best shown: a scalar at its value, a map or list at
    /// its key (the line that names it), e.g. a bad key of <c>spec.controls</c> at that key.
    /// </summary>
    public SourcePosition LocateField(FieldPath path)
    {
        var node = Find(path, out var exact);
        return exact && (node.Properties is not null || node.Items is not null) && node.KeyPosition is { } key ? key : node.Position;
    }

    private SourceMap Find(FieldPath path, out bool exact)
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
                exact = false;
                return node;
            }
            node = next;
        }
        exact = true;
        return node;
    }
}
