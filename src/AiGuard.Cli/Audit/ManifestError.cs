using AiGuard.Cli.Audit.Yaml;

namespace AiGuard.Cli.Audit;

/// <summary>ManifestError is one problem in the inputs, printed as <c>file:line:column: message</c> (or <c>file: message</c>).</summary>
public sealed record ManifestError(string File, SourcePosition? Position, string Message)
{
    public override string ToString() => Position is { } at ? $"{File}:{at.Line}:{at.Column}: {Message}" : $"{File}: {Message}";
}
