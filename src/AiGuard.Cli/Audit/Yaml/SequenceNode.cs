namespace AiGuard.Cli.Audit.Yaml;

/// <summary>SequenceNode is a YAML sequence.</summary>
public sealed class SequenceNode(SourcePosition start) : ManifestNode(start)
{
    public List<ManifestNode> Items { get; } = [];
}
