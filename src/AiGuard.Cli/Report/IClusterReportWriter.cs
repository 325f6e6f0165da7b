namespace AiGuard.Cli.Report;

/// <summary>IClusterReportWriter renders a <see cref="ClusterReport"/> in one <c>--format</c>.</summary>
public interface IClusterReportWriter
{
    void Write(ClusterReport report, TextWriter output);
}
