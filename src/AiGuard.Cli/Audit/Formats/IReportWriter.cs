namespace AiGuard.Cli.Audit.Formats;

/// <summary>IReportWriter renders an <see cref="AuditReport"/> in one output format.</summary>
public interface IReportWriter
{
    void Write(AuditReport report, TextWriter output);
}
