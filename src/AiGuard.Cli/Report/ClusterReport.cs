using System.Text.Json.Serialization;

using AiGuard.Engine.Inventory;

namespace AiGuard.Cli.Report;

/// <summary>
/// ClusterReport is what <c>aiguard report</c> found in the cluster, already sorted worst first; every renderer
/// prints this one model, so the formats cannot disagree on a number. Its JSON shape is documented in
/// docs/reports.md and versioned by <see cref="SchemaVersion"/>.
/// </summary>
/// <param name="GeneratedAt">The clock the report used (expiry windows are measured from it).</param>
/// <param name="Namespace">The namespace reported, or null for all namespaces (-A).</param>
/// <param name="ExpiringWithinDays">The window of <see cref="ExpiringExceptions"/>.</param>
/// <param name="Totals">Counts over the whole scope.</param>
/// <param name="Namespaces">Compliance per namespace, worst average score first.</param>
/// <param name="Controls">Pass/fail/waived per control over the evaluated models, in catalog order.</param>
/// <param name="Models">Every ModelDeployment, worst first.</param>
/// <param name="WorstFindings">The most severe unwaived findings, at most the requested number.</param>
/// <param name="ExpiringExceptions">GuardExceptions that end within the window, soonest first.</param>
/// <param name="Unmanaged">Workloads that run an inference server or ask for GPUs with no ModelDeployment controlling them, by namespace, kind and name.</param>
/// <param name="UnmanagedOnly">True for <c>--unmanaged</c>: renderers print only <paramref name="Unmanaged"/>.</param>
public sealed record ClusterReport(
    DateTimeOffset GeneratedAt,
    string? Namespace,
    int ExpiringWithinDays,
    ReportTotals Totals,
    IReadOnlyList<NamespaceCompliance> Namespaces,
    IReadOnlyList<ControlCompliance> Controls,
    IReadOnlyList<ModelCompliance> Models,
    IReadOnlyList<ReportedFinding> WorstFindings,
    IReadOnlyList<ExpiringException> ExpiringExceptions,
    IReadOnlyList<UnmanagedWorkload> Unmanaged,
    [property: JsonIgnore] bool UnmanagedOnly)
{
    /// <summary>The version of the JSON schema; it changes only when a field changes meaning or is removed.</summary>
    public const string SchemaVersion = "aiguard.io/report/v1";

    /// <summary>The schema of the JSON output, its first field.</summary>
    [JsonPropertyOrder(-1)]
    public string Schema { get; init; } = SchemaVersion;

    /// <summary>"namespace ml-prod" or "all namespaces", for headings.</summary>
    [JsonIgnore]
    public string ScopeText => Namespace is null ? "all namespaces" : $"namespace {Namespace}";
}
