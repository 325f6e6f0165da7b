using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Engine.Vulnerabilities;

namespace AiGuard.Engine;

/// <summary>
/// EvaluationInput is everything the engine needs to judge one ModelDeployment. The engine does no I/O: the
/// operator fills this from its caches, <c>aiguard audit</c> from files.
/// </summary>
/// <param name="Model">The ModelDeployment (a missing namespace means <c>default</c>).</param>
/// <param name="NamespaceLabels">Labels of the ModelDeployment's namespace (offline: from a Namespace in the inputs, else none).</param>
/// <param name="Policies">Every GuardPolicy known; the engine selects those whose namespaceSelector matches.</param>
/// <param name="Exceptions">GuardExceptions; only those of the model's namespace that are active at <paramref name="Now"/> apply.</param>
/// <param name="Now">The clock, passed in so that evaluation is repeatable.</param>
/// <param name="Cluster">Live objects for the cluster-only controls; null offline, which skips those controls.</param>
/// <param name="Sealing">Opens sealed values for AIG-SEC-03; null when no key is available, which skips that control.</param>
/// <param name="Vulnerabilities">Image scans for AIG-IMG-03's <c>images.vulnerabilities</c> (Trivy VulnerabilityReports of the
/// model's workload, or Trivy JSON offline); only those of the exact image the model runs count. Null or empty: no scan.</param>
public sealed record EvaluationInput(
    ModelDeployment Model,
    IReadOnlyDictionary<string, string> NamespaceLabels,
    IReadOnlyList<GuardPolicy> Policies,
    IReadOnlyList<GuardException> Exceptions,
    DateTimeOffset Now,
    ClusterObservations? Cluster = null,
    ISealedDataVerifier? Sealing = null,
    IReadOnlyList<ImageScan>? Vulnerabilities = null);
