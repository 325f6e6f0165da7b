namespace AiGuard.Cli.Audit.Sealing;

/// <summary>SealingKeyFileException says why one --sealing-key file is unusable; its message never holds key material.</summary>
public sealed class SealingKeyFileException : Exception
{
    public SealingKeyFileException() : this("unusable sealing key file") { }

    public SealingKeyFileException(string message) : base(message) { }

    public SealingKeyFileException(string message, Exception inner) : base(message, inner) { }
}
