namespace AiGuard.Cli.Adopt;

/// <summary>AdoptExitCodes are the exit codes of <c>aiguard adopt</c>.</summary>
public static class AdoptExitCodes
{
    /// <summary>The manifest was printed.</summary>
    public const int Printed = 0;

    /// <summary>Bad usage, an unknown or unreadable workload, an unreachable cluster, or no derivable model uri: nothing printed on stdout.</summary>
    public const int Error = 2;
}
