namespace AiGuard.Cli.Audit.Yaml;

/// <summary>YamlSyntaxException is malformed YAML at a position; the loader turns it into a <c>file:line:column</c> error.</summary>
public sealed class YamlSyntaxException : Exception
{
    public YamlSyntaxException(SourcePosition position, string message)
        : base(message) => Position = position;

    public YamlSyntaxException(SourcePosition position, string message, Exception inner)
        : base(message, inner) => Position = position;

    public YamlSyntaxException() : this(new SourcePosition(1, 1), "invalid YAML") { }

    public YamlSyntaxException(string message) : this(new SourcePosition(1, 1), message) { }

    public YamlSyntaxException(string message, Exception inner) : this(new SourcePosition(1, 1), message, inner) { }

    public SourcePosition Position { get; }
}
