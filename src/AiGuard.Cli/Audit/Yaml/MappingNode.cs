namespace AiGuard.Cli.Audit.Yaml;

/// <summary>MappingNode is a YAML mapping with scalar keys in document order; duplicate keys are rejected while reading.</summary>
public sealed class MappingNode(SourcePosition start) : ManifestNode(start)
{
    public List<KeyValuePair<ScalarNode, ManifestNode>> Entries { get; } = [];
}
