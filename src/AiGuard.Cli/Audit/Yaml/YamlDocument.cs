namespace AiGuard.Cli.Audit.Yaml;

/// <summary>YamlDocument is one document of a YAML stream; <see cref="Root"/> is null for an empty document.</summary>
public sealed record YamlDocument(ManifestNode? Root, SourcePosition Start);
