namespace AiGuard.Cli.Report;

/// <summary>ReportException ends <c>aiguard report</c> with one message and one of <see cref="ReportExitCodes"/>.</summary>
public sealed class ReportException : Exception
{
    public ReportException()
        : this(ReportExitCodes.ClusterError, "the report failed")
    {
    }

    public ReportException(string message)
        : this(ReportExitCodes.ClusterError, message)
    {
    }

    public ReportException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ReportExitCodes.ClusterError;
    }

    public ReportException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code the command returns.</summary>
    public int ExitCode { get; }
}
