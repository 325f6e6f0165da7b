namespace AiGuard.Cli.Audit;

/// <summary>AuditExitCodes are the exit codes of <c>aiguard audit</c>, which CI pipelines act on.</summary>
public static class AuditExitCodes
{
    /// <summary>No unwaived finding at or above --fail-on.</summary>
    public const int Passed = 0;

    /// <summary>At least one unwaived finding at or above --fail-on, or the report could not be written (never a pass).</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or bad input: unreadable file, YAML or schema error, or a spec the API server would reject.</summary>
    public const int InputError = 2;
}
