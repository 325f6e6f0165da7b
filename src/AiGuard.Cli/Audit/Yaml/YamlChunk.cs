namespace AiGuard.Cli.Audit.Yaml;

/// <summary>YamlChunk is a run of whole documents of a YAML stream: where it starts, its length, and how many lines precede it.</summary>
public readonly record struct YamlChunk(int Start, int Length, int LineOffset);
