using AiGuard.Cli.Audit.Formats;
using AiGuard.Cli.Audit.Sealing;
using AiGuard.Cli.Audit.Vulnerabilities;
using AiGuard.Engine;
using AiGuard.Engine.Vulnerabilities;
using AiGuard.Operator.Sealing;
using AiGuard.Sealing;

namespace AiGuard.Cli.Audit;

/// <summary>AuditRun executes one <c>aiguard audit</c>: read, load, evaluate, render, and choose the exit code.</summary>
public static class AuditRun
{
    /// <summary>Runs <paramref name="request"/>; input errors go to <paramref name="error"/>, one per line, and exit 2.</summary>
    public static int Execute(AuditRequest request, TextReader stdin, TextWriter output, TextWriter error)
    {
        var writer = ReportFormats.For(request.Format);
        if (writer is null)
        {
            error.WriteLine($"aiguard audit: unknown --format {request.Format}; use one of {string.Join(", ", ReportFormats.Names)}");
            return AuditExitCodes.InputError;
        }
        AuditReport report;
        KeyRing? keys = null;
        try
        {
            var sealingKeyPaths = request.SealingKeyPaths ?? [];
            // Keys first: a bad key file is an input error before any manifest is read.
            keys = sealingKeyPaths.Count > 0 ? SealingKeyFiles.Load(sealingKeyPaths) : null;
            // The operator's own verifier, so that the CLI and the cluster give the same verdicts and reasons.
            var sealing = keys is null ? null : new SealedDataVerifier(keys, capacity: 0);
            report = Assess(request, stdin, sealing);
        }
        catch (ManifestLoadException e)
        {
            foreach (var problem in e.Errors)
            {
                error.WriteLine(problem);
            }
            var count = e.Errors.Count;
            error.WriteLine($"aiguard audit: {count} input error{(count == 1 ? "" : "s")}; nothing was evaluated");
            return AuditExitCodes.InputError;
        }
        finally
        {
            keys?.Dispose();
        }
        if (!TryWriteReport(writer, report, output, error))
        {
            return AuditExitCodes.Failed;
        }
        return report.FailingFindings > 0 ? AuditExitCodes.Failed : AuditExitCodes.Passed;
    }

    /// <summary>
    /// Writes the report; false, with one line on <paramref name="error"/>, when the output refuses it (a full disk, a
    /// closed standard output): a verdict nobody can read is no pass, and a stack trace says nothing a user can act on.
    /// What was written before the failure stays written.
    /// </summary>
    private static bool TryWriteReport(IReportWriter writer, AuditReport report, TextWriter output, TextWriter error)
    {
        try
        {
            var reportOutput = ReportOutput.For(output);
            try
            {
                writer.Write(report, reportOutput);
            }
            finally
            {
                ReportOutput.Finish(reportOutput, output);
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A closed descriptor is an UnauthorizedAccessException around the IOException that names it.
            error.WriteLine($"aiguard audit: cannot write the report: {(e.InnerException as IOException ?? e).Message}");
            return false;
        }
    }

    /// <summary>Loads the inputs and evaluates every ModelDeployment; of the loading, only the report's parts outlive it.</summary>
    private static AuditReport Assess(AuditRequest request, TextReader stdin, ISealedDataVerifier? sealing)
    {
        var (manifests, scans) = Load(request, stdin, sealing);
        return new AuditReport
        {
            Results = AuditEvaluator.Evaluate(manifests, request.Now, sealing, scans),
            Skipped = manifests.Skipped,
            Ignored = manifests.Ignored,
            Exceptions = manifests.Exceptions.Select(e => e.Object).ToList(),
            Now = request.Now,
            FailOn = request.FailOn,
            SkippedControls = AuditReport.SkippedOffline(sealingKey: sealing is not null),
        };
    }

    /// <summary>
    /// Reads and loads the inputs. A method of its own so that the inputs' bytes (held by the reader and the input
    /// list) are garbage once it returns, even in code the JIT has not optimised, rather than live until the report
    /// is written: on a large input they are the largest single object of the run.
    /// </summary>
    private static (ManifestSet Manifests, IReadOnlyList<ImageScan> Scans) Load(AuditRequest request, TextReader stdin, ISealedDataVerifier? sealing)
    {
        var reader = new ManifestInputReader(stdin, request.Parallelism);
        var inputs = reader.Read(request.Paths);
        // With --policy, only those paths may add policies and exceptions (a change must not waive its own checks).
        var policyInputs = request.PolicyPaths.Count > 0 ? reader.Read(request.PolicyPaths) : null;
        // Scans are read first so that models can be evaluated while loading; a bad scan file is still reported
        // only after the manifests, as before.
        IReadOnlyList<ImageScan> scans = [];
        ManifestLoadException? scanErrors = null;
        try
        {
            scans = VulnerabilityFiles.Load(reader, request.VulnerabilityPaths ?? []);
        }
        catch (ManifestLoadException e)
        {
            scanErrors = e;
        }
        var manifests = ManifestLoader.Load(inputs, policyInputs, new AuditEvaluator(request.Now, sealing, scans), request.Parallelism);
        if (scanErrors is not null)
        {
            throw scanErrors;
        }
        return (manifests, scans);
    }
}
