namespace AiGuard.Cli.Audit;

/// <summary>ManifestInput is the text of one input file; <see cref="DisplayPath"/> is how reports name it (relative, with '/').</summary>
public sealed record ManifestInput(string DisplayPath, string Text)
{
    /// <summary>How standard input is named in messages and reports.</summary>
    public const string StdinName = "<stdin>";
}
