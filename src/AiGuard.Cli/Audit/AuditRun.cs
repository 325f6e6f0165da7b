using AiGuard.Cli.Audit.Formats;

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
        try
        {
            var reader = new ManifestInputReader(stdin);
            var inputs = reader.Read(request.Paths);
            var policyInputs = reader.Read(request.PolicyPaths);
            var manifests = ManifestLoader.Load(inputs, policyInputs);
            report = new AuditReport
            {
                Results = AuditEvaluator.Evaluate(manifests, request.Now),
                Skipped = manifests.Skipped,
                Exceptions = manifests.Exceptions.Select(e => e.Object).ToList(),
                Now = request.Now,
                FailOn = request.FailOn,
            };
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
        writer.Write(report, output);
        return report.FailingFindings > 0 ? AuditExitCodes.Failed : AuditExitCodes.Passed;
    }
}
