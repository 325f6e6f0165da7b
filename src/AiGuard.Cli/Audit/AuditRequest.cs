namespace AiGuard.Cli.Audit;

/// <summary>AuditRequest is a parsed <c>aiguard audit</c> invocation.</summary>
/// <param name="Paths">Files, directories, or <c>-</c> for standard input.</param>
/// <param name="PolicyPaths">Extra files or directories whose GuardPolicies, GuardExceptions and Namespaces apply.</param>
/// <param name="Now">The clock for exception expiry.</param>
/// <param name="Format">table, json, sarif, junit or markdown.</param>
/// <param name="FailOn">Lowest severity that fails the run; null never fails.</param>
/// <param name="SealingKeyPaths">Key files or directories that let AIG-SEC-03 open sealed values; empty skips that control.</param>
/// <param name="VulnerabilityPaths">Trivy JSON files or directories for AIG-IMG-03's images.vulnerabilities; empty: no scans.</param>
public sealed record AuditRequest(
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> PolicyPaths,
    DateTimeOffset Now,
    string Format,
    string? FailOn,
    IReadOnlyList<string>? SealingKeyPaths = null,
    IReadOnlyList<string>? VulnerabilityPaths = null)
{
    /// <summary>How many threads check the documents; the report is the same whatever it is.</summary>
    public AuditParallelism Parallelism { get; init; } = AuditParallelism.Default;
}
