namespace AiGuard.Cli.Audit;

/// <summary>SkippedDocument is an input document that is not an AiGuard object or a Namespace, e.g. a Deployment.</summary>
public sealed record SkippedDocument(string Source, string Kind);
