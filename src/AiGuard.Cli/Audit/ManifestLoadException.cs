namespace AiGuard.Cli.Audit;

/// <summary>ManifestLoadException carries every input error found; it is the only exception the loader lets out.</summary>
public sealed class ManifestLoadException : Exception
{
    public ManifestLoadException(IReadOnlyList<ManifestError> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public ManifestLoadException() : this([]) { }

    public ManifestLoadException(string message) : base(message) => Errors = [new ManifestError("", null, message)];

    public ManifestLoadException(string message, Exception inner) : base(message, inner) => Errors = [new ManifestError("", null, message)];

    public IReadOnlyList<ManifestError> Errors { get; }
}
