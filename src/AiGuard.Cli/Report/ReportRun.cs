using AiGuard.Cli.Cluster;
using k8s;

namespace AiGuard.Cli.Report;

/// <summary>ReportRun executes a checked <see cref="ReportRequest"/>: connect, collect, build, render.</summary>
public static class ReportRun
{
    /// <summary>The namespace of a context that names none, as kubectl does.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>Prints the report to <paramref name="output"/>; returns one of <see cref="ReportExitCodes"/>.</summary>
    public static async Task<int> ExecuteAsync(ReportRequest request, TextWriter output, TextWriter error, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(clock);
        try
        {
            KubernetesClientConfiguration config;
            try
            {
                config = KubeconfigLoader.Load(request.Kubeconfig);
            }
            catch (KubeconfigException e)
            {
                throw new ReportException(ReportExitCodes.UsageError, e.Message, e);
            }

            var scope = request.AllNamespaces ? null : request.Namespace ?? (string.IsNullOrEmpty(config.Namespace) ? DefaultNamespace : config.Namespace);
            using var client = new Kubernetes(config);
            var warnings = new List<string>();
            var snapshot = await new ReportCollector(client, warnings.Add).CollectAsync(scope, request.UnmanagedOnly, cancellationToken).ConfigureAwait(false);
            var report = ClusterReportBuilder.Build(snapshot, clock.GetUtcNow(), request.ExpiringWithin, request.TopFindings, request.UnmanagedOnly);

            // Rendered whole before anything is printed, so a failure never leaves half a report on standard output.
            using var rendered = new StringWriter();
            ClusterReportFormats.For(request.Format)!.Write(report, rendered);
            foreach (var warning in warnings)
            {
                await error.WriteLineAsync($"aiguard report: {warning}").ConfigureAwait(false);
            }

            await output.WriteAsync(rendered.ToString()).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ReportExitCodes.Printed;
        }
        catch (ReportException e)
        {
            await error.WriteLineAsync($"aiguard report: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
    }
}
