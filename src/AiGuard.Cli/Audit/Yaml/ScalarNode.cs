namespace AiGuard.Cli.Audit.Yaml;

/// <summary>ScalarNode is a YAML scalar: its text, explicit tag (if any) and whether it was written plain (unquoted).</summary>
public sealed class ScalarNode(SourcePosition start, string value, string? tag, bool plain) : ManifestNode(start)
{
    public string Value { get; } = value;

    /// <summary>The explicit tag, e.g. <c>tag:yaml.org,2002:str</c>; null when the scalar has none.</summary>
    public string? Tag { get; } = tag;

    /// <summary>True for plain scalars, whose type (null, bool, number, string) is resolved from the text.</summary>
    public bool Plain { get; } = plain;
}
