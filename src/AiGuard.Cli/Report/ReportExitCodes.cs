namespace AiGuard.Cli.Report;

/// <summary>ReportExitCodes are the exit codes of <c>aiguard report</c>, which scripts act on.</summary>
public static class ReportExitCodes
{
    /// <summary>The report was printed.</summary>
    public const int Printed = 0;

    /// <summary>The cluster could not be reached, rejected the credentials, or answered with an error.</summary>
    public const int ClusterError = 1;

    /// <summary>Bad usage: an unknown option or format, a bad value, or a kubeconfig that cannot be loaded.</summary>
    public const int UsageError = 2;

    /// <summary>The credentials may not list what the report reads (403) in the namespace asked for, or across all namespaces.</summary>
    public const int Forbidden = 3;
}
