namespace AiGuard.Cli.Audit.Yaml;

/// <summary>SourcePosition is a 1-based line and column in a manifest file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
