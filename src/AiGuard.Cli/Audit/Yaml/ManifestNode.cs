namespace AiGuard.Cli.Audit.Yaml;

/// <summary>
/// ManifestNode is one parsed YAML node with its position. Aliases resolve to the anchored node itself, so a
/// document is a graph that may share subtrees; conversion to JSON expands them under a budget.
/// </summary>
public abstract class ManifestNode(SourcePosition start)
{
    public SourcePosition Start { get; } = start;
}
