namespace AiGuard.Cli.Adopt;

/// <summary>AdoptException is a problem the user must fix (bad reference, unknown workload, no model uri); the message says how.</summary>
public sealed class AdoptException : Exception
{
    public AdoptException(string message)
        : base(message)
    {
    }

    public AdoptException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public AdoptException()
        : base("adopt failed")
    {
    }
}
